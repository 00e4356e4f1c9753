//! schema.org Recipe in microdata: `itemscope itemtype=".../Recipe"` and the
//! `itemprop`s of that scope (not of scopes nested in it).

use super::ImportedRecipe;
use super::duration::parse_minutes;
use super::html::{Dom, clean, collapse_whitespace, tidy};
use super::jsonld::primary_language;

/// Whether an `itemtype` names a schema.org Recipe.
fn is_recipe_type(itemtype: &str) -> bool {
    itemtype.split_whitespace().any(|t| {
        let t = t.trim_end_matches('/');
        let short = t.rsplit(['/', ':', '#']).next().unwrap_or(t);
        short.eq_ignore_ascii_case("Recipe") && t.to_ascii_lowercase().contains("schema.org")
    })
}

/// The elements carrying the properties of the item `scope`, with the
/// property names, in document order.
fn properties(dom: &Dom<'_>, scope: usize) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = dom.children(scope).iter().rev().copied().collect();
    while let Some(id) = stack.pop() {
        if dom.name(id).is_empty() {
            continue;
        }
        if let Some(props) = dom.attr(id, "itemprop") {
            let names: Vec<String> = props.split_whitespace().map(str::to_string).collect();
            if !names.is_empty() {
                out.push((id, names));
            }
        }
        if dom.attr(id, "itemscope").is_some() {
            continue;
        }
        stack.extend(dom.children(id).iter().rev());
    }
    out
}

/// A property's value as text: `content`, `datetime` or `value` attribute
/// where the element has one, else its text.
fn value_text(dom: &Dom<'_>, id: usize) -> String {
    if let Some(c) = dom.attr(id, "content") {
        return clean(c);
    }
    match dom.name(id) {
        "time" => {
            if let Some(d) = dom.attr(id, "datetime") {
                return clean(d);
            }
        }
        "data" | "meter" => {
            if let Some(v) = dom.attr(id, "value") {
                return clean(v);
            }
        }
        "meta" => return String::new(),
        _ => {}
    }
    tidy(&clean(&dom.text(id)))
}

/// The name of a nested item (an author Person), else its text.
fn item_name(dom: &Dom<'_>, id: usize) -> String {
    if dom.attr(id, "itemscope").is_some()
        && let Some(name) = properties(dom, id)
            .into_iter()
            .find(|(_, names)| names.iter().any(|n| n == "name"))
    {
        return value_text(dom, name.0);
    }
    value_text(dom, id)
}

/// Lines of a property element: `<li>`s when it lists them, else its lines.
fn value_lines(dom: &Dom<'_>, id: usize) -> Vec<String> {
    if let Some(c) = dom.attr(id, "content") {
        let c = clean(c);
        return if c.is_empty() { Vec::new() } else { vec![c] };
    }
    dom.text(id)
        .lines()
        .map(|l| tidy(&clean(l)))
        .filter(|l| !l.is_empty())
        .collect()
}

/// All microdata Recipe items of the page, mapped.
pub fn recipes(dom: &Dom<'_>) -> Vec<ImportedRecipe> {
    let mut out = Vec::new();
    for scope in dom.elements() {
        if dom.attr(scope, "itemscope").is_none() && dom.attr(scope, "itemtype").is_none() {
            continue;
        }
        if !dom.attr(scope, "itemtype").is_some_and(is_recipe_type) {
            continue;
        }
        let mut recipe = ImportedRecipe::default();
        let mut prep = None;
        let mut cook = None;
        let mut ingredients = Vec::new();
        let mut legacy_ingredients = Vec::new();
        for (id, names) in properties(dom, scope) {
            for name in &names {
                match name.as_str() {
                    "name" if recipe.title.is_empty() => recipe.title = value_text(dom, id),
                    "recipeIngredient" | "ingredient" => {
                        let line = value_text(dom, id);
                        if !line.is_empty() {
                            ingredients.push(line);
                        }
                    }
                    "ingredients" => {
                        let line = value_text(dom, id);
                        if !line.is_empty() {
                            legacy_ingredients.push(line);
                        }
                    }
                    "recipeInstructions" | "instructions" => {
                        recipe.instructions.extend(value_lines(dom, id))
                    }
                    "recipeYield" | "yield" if recipe.yields.is_none() => {
                        let y = value_text(dom, id);
                        if !y.is_empty() {
                            recipe.yields = Some(if y.chars().all(|c| c.is_ascii_digit()) {
                                format!("{y} servings")
                            } else {
                                y
                            });
                        }
                    }
                    "totalTime" => {
                        recipe.total_time = recipe
                            .total_time
                            .or_else(|| parse_minutes(&value_text(dom, id)))
                    }
                    "prepTime" => prep = prep.or_else(|| parse_minutes(&value_text(dom, id))),
                    "cookTime" => cook = cook.or_else(|| parse_minutes(&value_text(dom, id))),
                    "recipeCuisine" if recipe.cuisine.is_none() => {
                        recipe.cuisine = Some(value_text(dom, id)).filter(|s| !s.is_empty())
                    }
                    "recipeCategory" if recipe.category.is_none() => {
                        recipe.category = Some(value_text(dom, id)).filter(|s| !s.is_empty())
                    }
                    "author" if recipe.author.is_none() => {
                        recipe.author = Some(item_name(dom, id)).filter(|s| !s.is_empty())
                    }
                    "inLanguage" if recipe.language.is_none() => {
                        recipe.language = primary_language(&value_text(dom, id))
                    }
                    _ => {}
                }
            }
        }
        recipe.ingredients = if ingredients.is_empty() {
            legacy_ingredients
        } else {
            ingredients
        };
        if recipe.total_time.is_none_or(|t| t == 0) {
            recipe.total_time = match (prep, cook) {
                (None, None) => recipe.total_time.filter(|t| *t > 0),
                (p, c) => Some(p.unwrap_or(0) + c.unwrap_or(0)).filter(|t| *t > 0),
            };
        }
        recipe.title = collapse_whitespace(&recipe.title);
        out.push(recipe);
    }
    out
}
