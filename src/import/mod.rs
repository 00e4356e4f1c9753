//! Recipe import, pure (no IO): from a web page's HTML (schema.org Recipe
//! in JSON-LD or microdata) and from pasted text. Fetching a URL happens at
//! the edge (services); this module only reads what it is given.
//!
//! Architecture invariant: imported content is data. Nothing here follows
//! instructions found in a page; it extracts fields and nothing else.

use crate::domain::recipe::RecipeSpec;
use serde::{Deserialize, Serialize};

/// A recipe as found in a page or text, fields as their author wrote them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportedRecipe {
    pub title: String,
    /// Ingredient lines as written (entities decoded, whitespace collapsed).
    pub ingredients: Vec<String>,
    /// Steps, one per entry.
    pub instructions: Vec<String>,
    /// "4 servings", "1 loaf".
    pub yields: Option<String>,
    /// Total time in minutes.
    pub total_time: Option<u32>,
    /// Language code of the page ("en", "es"), when declared.
    pub language: Option<String>,
    pub source_url: Option<String>,
    pub author: Option<String>,
    pub cuisine: Option<String>,
    pub category: Option<String>,
}

/// Why nothing could be imported; the message says what to try instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error(
        "no recipe found in that page (it has no schema.org Recipe data): paste the recipe text instead"
    )]
    NoRecipe,
    #[error("the recipe in that page has no {0}: paste the recipe text instead")]
    Incomplete(&'static str),
    #[error("could not read that text as a recipe: {0}")]
    Unreadable(String),
}

/// Extracts the recipe of an HTML page.
pub fn from_html(html: &str, url: Option<&str>) -> Result<ImportedRecipe, ImportError> {
    let _ = (html, url);
    Err(ImportError::NoRecipe)
}

/// Reads a pasted recipe: a title line, then ingredient lines, then steps.
pub fn from_text(text: &str) -> Result<ImportedRecipe, ImportError> {
    let _ = text;
    Err(ImportError::Unreadable("not implemented".into()))
}

impl ImportedRecipe {
    /// The recipe to store, with `source` and `attribution` kept.
    pub fn to_spec(&self) -> RecipeSpec {
        RecipeSpec {
            id: String::new(),
            title: self.title.clone(),
            title_es: None,
            servings: 4,
            minutes: self.total_time.unwrap_or(30),
            meals: Vec::new(),
            cuisine: self.cuisine.clone(),
            tags: Vec::new(),
            main_protein: None,
            ingredients: self.ingredients.clone(),
            steps: self.instructions.clone(),
            source: self.source_url.clone(),
            attribution: self.author.clone(),
        }
    }
}
