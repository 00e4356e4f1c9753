//! Recipe import, pure (no IO): from a web page's HTML (schema.org Recipe
//! in JSON-LD or microdata) and from pasted text. Fetching a URL happens at
//! the edge (services); this module only reads what it is given.
//!
//! Architecture invariant: imported content is data. Nothing here follows
//! instructions found in a page; it extracts fields and nothing else.

mod duration;
mod entities;
mod html;
mod jsonld;
mod microdata;
mod text;
pub mod wikibooks;

use crate::domain::recipe::{MealType, RecipeSpec};
use crate::domain::text::fold_name;
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
///
/// JSON-LD comes first; microdata is read when no JSON-LD Recipe is
/// complete. The first complete recipe (a title and at least one ingredient)
/// wins; otherwise the error says what the page's recipe lacks. The page's
/// visible ingredient list (under an "Ingredients" heading or in an element
/// whose class names ingredients) is used only where the structured data is
/// a poorer copy of it: no ingredients at all, food names without their
/// quantities, a list cut short, or notes in parentheses dropped.
pub fn from_html(html: &str, url: Option<&str>) -> Result<ImportedRecipe, ImportError> {
    let tokens = html::tokenize(html);

    let mut page_language = None;
    let mut blocks: Vec<&str> = Vec::new();
    let mut in_ld_script = false;
    for token in &tokens {
        match token {
            html::Token::Start { name, attrs, .. } => {
                let attr = |key: &str| {
                    attrs
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.as_str())
                };
                if name == "html" && page_language.is_none() {
                    page_language = attr("lang")
                        .or_else(|| attr("xml:lang"))
                        .and_then(jsonld::primary_language);
                }
                in_ld_script = name == "script"
                    && attr("type").is_some_and(|t| {
                        t.trim()
                            .to_ascii_lowercase()
                            .starts_with("application/ld+json")
                    });
            }
            html::Token::Text(text) if in_ld_script => blocks.push(text),
            _ => in_ld_script = false,
        }
    }

    let values: Vec<serde_json::Value> = blocks
        .iter()
        .flat_map(|b| jsonld::parse_lenient(b))
        .collect();
    let (objects, ids) = jsonld::find_recipes(&values);
    let mut candidates: Vec<ImportedRecipe> = objects
        .iter()
        .map(|o| jsonld::recipe_from(o, &ids))
        .collect();
    let dom = html::Dom::build(&tokens);
    if !candidates.iter().any(is_complete) {
        candidates.extend(microdata::recipes(&dom));
    }
    let visible = dom.visible_ingredient_lines();

    let mut recipe = match candidates.iter().position(is_complete) {
        Some(i) => {
            let mut recipe = candidates.swap_remove(i);
            if schema_lines_degraded(&recipe.ingredients, &visible) {
                recipe.ingredients = visible;
            }
            recipe
        }
        None => match candidates.first() {
            None => return Err(ImportError::NoRecipe),
            Some(r) if r.title.is_empty() => return Err(ImportError::Incomplete("title")),
            // The structured data names the recipe but not its ingredients:
            // read them from the page's visible ingredient list.
            Some(_) if !visible.is_empty() => {
                let mut recipe = candidates.swap_remove(0);
                recipe.ingredients = visible;
                recipe
            }
            Some(_) => return Err(ImportError::Incomplete("ingredients")),
        },
    };
    for line in &mut recipe.ingredients {
        *line = unwrap_double_parens(line);
    }
    if recipe
        .ingredients
        .iter()
        .any(|l| !l.chars().any(|c| c.is_ascii_digit()))
    {
        // Group names ("Yoghurt and ouzo dressing") that the page shows as
        // headings of its ingredient list are not ingredients.
        let headings = dom.ingredient_headings();
        if !headings.is_empty() {
            let key = |s: &str| s.trim_end_matches(':').trim().to_lowercase();
            let headings: Vec<String> = headings.iter().map(|h| key(h)).collect();
            let kept: Vec<String> = recipe
                .ingredients
                .iter()
                .filter(|l| l.chars().any(|c| c.is_ascii_digit()) || !headings.contains(&key(l)))
                .cloned()
                .collect();
            if !kept.is_empty() {
                recipe.ingredients = kept;
            }
        }
    }
    if recipe.language.is_none() {
        recipe.language = page_language;
    }
    recipe.source_url = url
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string);
    Ok(recipe)
}

/// "salt ((optional))" → "salt (optional)": a note that is already in
/// parentheses wrapped in another pair, as some recipe plugins write it.
/// "((a) b)" and "((a) )" stay.
fn unwrap_double_parens(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut drop = vec![false; chars.len()];
    let matching = |open: usize| -> Option<usize> {
        let mut depth = 0usize;
        for (k, c) in chars.iter().enumerate().skip(open) {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(k);
                    }
                }
                _ => {}
            }
        }
        None
    };
    for i in 0..chars.len().saturating_sub(1) {
        if chars[i] == '('
            && chars[i + 1] == '('
            && !drop[i]
            && let Some(outer) = matching(i)
            && matching(i + 1).is_some()
            && chars.get(outer.wrapping_sub(1)) == Some(&')')
        {
            drop[i] = true;
            drop[outer] = true;
        }
    }
    if !drop.contains(&true) {
        return line.to_string();
    }
    chars
        .iter()
        .zip(&drop)
        .filter(|(_, d)| !**d)
        .map(|(c, _)| *c)
        .collect()
}

/// Whether the page's visible ingredient list should replace its
/// structured data: the data has only the food names of the visible lines
/// ("Knoblauchzehe" for "1 Stück Knoblauchzehe"), stops partway through the
/// visible list, or dropped the notes in parentheses the page shows ("…
/// tomatoes (or 1.5 jars of sauce)"). Lines must otherwise agree, up to case
/// and spacing, so a visible list with other text never wins.
fn schema_lines_degraded(schema: &[String], visible: &[String]) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if schema.is_empty() || visible.is_empty() || schema == visible {
        return false;
    }
    let leading_number = |l: &String| l.chars().next().is_some_and(|c| c.is_ascii_digit());
    let names_only = !schema.iter().any(leading_number)
        && visible.iter().any(leading_number)
        && schema.len() == visible.len()
        && schema
            .iter()
            .zip(visible)
            .all(|(s, v)| key(v).contains(&key(s)));
    let truncated =
        visible.len() > schema.len() && schema.iter().zip(visible).all(|(s, v)| key(s) == key(v));
    let same_or_noted = |s: &String, v: &String| {
        let (ks, kv) = (key(s), key(v));
        ks == kv
            || kv
                .strip_prefix(&ks)
                .is_some_and(|note| note.starts_with('(') && note.ends_with(')') && note.len() > 2)
    };
    let notes_dropped = schema.len() == visible.len()
        && schema.iter().zip(visible).all(|(s, v)| same_or_noted(s, v));
    names_only || truncated || notes_dropped
}

fn is_complete(recipe: &ImportedRecipe) -> bool {
    !recipe.title.is_empty() && !recipe.ingredients.is_empty()
}

/// Reads a pasted recipe: a title line, then ingredient lines, then steps.
///
/// Section headers are optional ("Ingredients"/"Ingredientes",
/// "Instructions"/"Method"/"Preparación"/"Pasos"…); without them, lines that
/// start with a quantity are the ingredients and the lines after them the
/// steps. "Serves 4"/"Porciones: 4" and "Total time: 45 min"/"Tiempo: 1 h"
/// lines fill the yield and the time.
pub fn from_text(text: &str) -> Result<ImportedRecipe, ImportError> {
    text::parse(text)
}

/// Meal keywords (folded, as whole words or phrases) in English and Spanish.
const MEAL_WORDS: &[(&str, MealType)] = &[
    ("breakfast", MealType::Breakfast),
    ("brunch", MealType::Breakfast),
    ("desayuno", MealType::Breakfast),
    ("desayunos", MealType::Breakfast),
    ("lunch", MealType::Lunch),
    ("almuerzo", MealType::Lunch),
    ("dinner", MealType::Dinner),
    ("supper", MealType::Dinner),
    ("main", MealType::Dinner),
    ("main course", MealType::Dinner),
    ("main dish", MealType::Dinner),
    ("entree", MealType::Dinner),
    ("cena", MealType::Dinner),
    ("plato principal", MealType::Dinner),
    ("plato fuerte", MealType::Dinner),
    ("snack", MealType::Snack),
    ("snacks", MealType::Snack),
    ("appetizer", MealType::Snack),
    ("appetizers", MealType::Snack),
    ("dessert", MealType::Snack),
    ("desserts", MealType::Snack),
    ("postre", MealType::Snack),
    ("postres", MealType::Snack),
    ("merienda", MealType::Snack),
    ("aperitivo", MealType::Snack),
    ("aperitivos", MealType::Snack),
    ("botana", MealType::Snack),
    ("tapa", MealType::Snack),
    ("tapas", MealType::Snack),
];

/// Meals the recipe suits, guessed from its category, then its title;
/// lunch and dinner when nothing says.
fn guess_meals(category: Option<&str>, title: &str) -> Vec<MealType> {
    for source in [category.unwrap_or(""), title] {
        let folded = format!(" {} ", fold_name(source));
        let mut meals: Vec<MealType> = MEAL_WORDS
            .iter()
            .filter(|(word, _)| folded.contains(&format!(" {word} ")))
            .map(|(_, meal)| *meal)
            .collect();
        if !meals.is_empty() {
            meals.sort();
            meals.dedup();
            return meals;
        }
    }
    vec![MealType::Lunch, MealType::Dinner]
}

/// The first whole number in a yield phrase ("Serves 4-6" → 4).
fn first_integer(text: &str) -> Option<u32> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok().or(Some(u32::MAX))
}

impl ImportedRecipe {
    /// The recipe to store, with `source` and `attribution` kept.
    pub fn to_spec(&self) -> RecipeSpec {
        let servings = self
            .yields
            .as_deref()
            .and_then(first_integer)
            .unwrap_or(4)
            .clamp(1, 100);
        let minutes = self
            .total_time
            .filter(|m| *m > 0)
            .unwrap_or(30)
            .clamp(1, 1440);
        RecipeSpec {
            id: String::new(),
            title: self.title.clone(),
            title_es: None,
            servings,
            minutes,
            meals: guess_meals(self.category.as_deref(), &self.title),
            cuisine: self
                .cuisine
                .as_deref()
                .map(|c| c.trim().to_lowercase())
                .filter(|c| !c.is_empty()),
            tags: Vec::new(),
            main_protein: None,
            ingredients: self.ingredients.clone(),
            steps: self.instructions.clone(),
            source: self.source_url.clone(),
            attribution: self.author.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="es-AR"><head>
<SCRIPT TYPE='application/ld+json'>
<!--
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Site"},
  {"@type": ["Recipe"], "name": "Guiso de lentejas", "recipeCategory": ["Plato principal"],
   "recipeIngredient": ["300 g lentejas", "  ", "1 cebolla  picada", ],
   "recipeInstructions": "Remojar.
Cocinar.",
   "recipeYield": ["", "6 porciones"], "totalTime": "PT1H",
   "recipeCuisine": "Argentina", "author": [{"@type": "Person", "name": "Ana"}]}
]}
-->
</script></head><body></body></html>"#;

    #[test]
    fn broken_json_ld_page() {
        let r = from_html(PAGE, Some("https://example.org/guiso")).expect("a recipe");
        assert_eq!(r.title, "Guiso de lentejas");
        assert_eq!(r.ingredients, vec!["300 g lentejas", "1 cebolla picada"]);
        assert_eq!(r.instructions, vec!["Remojar.", "Cocinar."]);
        assert_eq!(r.language.as_deref(), Some("es"));
        assert_eq!(r.total_time, Some(60));
        let spec = r.to_spec();
        assert_eq!(spec.servings, 6);
        assert_eq!(spec.minutes, 60);
        assert_eq!(spec.meals, vec![MealType::Dinner]);
        assert_eq!(spec.cuisine.as_deref(), Some("argentina"));
        assert_eq!(spec.source.as_deref(), Some("https://example.org/guiso"));
        assert_eq!(spec.attribution.as_deref(), Some("Ana"));
    }

    #[test]
    fn microdata_page() {
        let html = r#"<html lang="en-US"><div itemscope itemtype="http://schema.org/Recipe">
<h1 itemprop="name">Oat &amp; Honey Bars</h1>
<span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Bo</span></span>
<meta itemprop="totalTime" content="PT35M">
<ul><li itemprop="recipeIngredient">2&nbsp;cups <b>oats</b></li><li itemprop="recipeIngredient"> </li>
<li itemprop="ingredients">&frac12; cup honey</ul>
<div itemprop="recipeInstructions"><p>Mix.</p><p>Bake at 350&deg;F.</p></div>
<span itemprop="recipeYield">12</span></div>"#;
        let r = from_html(html, None).expect("a recipe");
        assert_eq!(r.title, "Oat & Honey Bars");
        assert_eq!(r.ingredients, vec!["2 cups oats"]);
        assert_eq!(r.instructions, vec!["Mix.", "Bake at 350°F."]);
        assert_eq!(r.total_time, Some(35));
        assert_eq!(r.author.as_deref(), Some("Bo"));
        assert_eq!(r.language.as_deref(), Some("en"));
        assert_eq!(r.to_spec().servings, 12);
    }

    #[test]
    fn errors_say_what_is_missing() {
        assert_eq!(
            from_html("<html><p>hello</p></html>", None),
            Err(ImportError::NoRecipe)
        );
        assert_eq!(from_html("", None), Err(ImportError::NoRecipe));
        let no_ingredients =
            r#"<script type="application/ld+json">{"@type":"Recipe","name":"X"}</script>"#;
        assert_eq!(
            from_html(no_ingredients, None),
            Err(ImportError::Incomplete("ingredients"))
        );
        let no_title = r#"<script type="application/ld+json">{"@type":"Recipe","recipeIngredient":["1 egg"]}</script>"#;
        assert_eq!(
            from_html(no_title, None),
            Err(ImportError::Incomplete("title"))
        );
        let broken = r#"<script type="application/ld+json">{"@type":"Recipe","name":"X", "recipeIngredient": ["#;
        assert!(from_html(broken, None).is_err());
    }

    #[test]
    fn double_parentheses() {
        assert_eq!(unwrap_double_parens("salt ((optional))"), "salt (optional)");
        assert_eq!(
            unwrap_double_parens("milk ((nut milk) I use oat (26C))"),
            "milk (nut milk) I use oat (26C)"
        );
        assert_eq!(
            unwrap_double_parens("squash ((about half) )"),
            "squash ((about half) )"
        );
        assert_eq!(unwrap_double_parens("a ((b) c)"), "a ((b) c)");
        assert_eq!(unwrap_double_parens("broken ((x)"), "broken ((x)");
        assert_eq!(unwrap_double_parens("((("), "(((");
    }

    #[test]
    fn spec_defaults_and_meals() {
        let mut r = ImportedRecipe {
            title: "Huevos rancheros para el desayuno".into(),
            ingredients: vec!["2 huevos".into()],
            ..ImportedRecipe::default()
        };
        let spec = r.to_spec();
        assert_eq!((spec.servings, spec.minutes), (4, 30));
        assert_eq!(spec.meals, vec![MealType::Breakfast]);
        r.category = Some("Dessert".into());
        r.yields = Some("Makes 500 cookies".into());
        r.total_time = Some(5000);
        let spec = r.to_spec();
        assert_eq!(spec.meals, vec![MealType::Snack]);
        assert_eq!((spec.servings, spec.minutes), (100, 1440));
        r.category = None;
        r.title = "Remains of the day".into();
        assert_eq!(r.to_spec().meals, vec![MealType::Lunch, MealType::Dinner]);
    }
}
