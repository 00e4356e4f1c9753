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
/// wins; otherwise the error says what the page's recipe lacks. A visible
/// ingredient list of the page (under an "Ingredients" heading or in an
/// element whose class names ingredients) is used only where the structured
/// data has no ingredients or is a poorer copy of that list (see
/// `visible_list_wins`). Likewise the title: another copy of it in the page
/// replaces the structured data's only when it is the same title, written
/// more plainly (see `plainer_title`).
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
    let mut visible = dom.visible_ingredient_lists();

    let mut recipe = match candidates.iter().position(is_complete) {
        Some(i) => {
            let mut recipe = candidates.swap_remove(i);
            if let Some(lines) = visible
                .iter()
                .find(|lines| visible_list_wins(&recipe.ingredients, lines))
            {
                recipe.ingredients = lines.clone();
            }
            recipe
        }
        None => match candidates.first() {
            None => return Err(ImportError::NoRecipe),
            Some(r) if r.title.is_empty() => return Err(ImportError::Incomplete("title")),
            // The structured data names the recipe but not its ingredients:
            // read them from the page's first visible ingredient list.
            Some(_) if !visible.is_empty() => {
                let mut recipe = candidates.swap_remove(0);
                recipe.ingredients = visible.swap_remove(0);
                recipe
            }
            Some(_) => return Err(ImportError::Incomplete("ingredients")),
        },
    };
    if let Some(title) = plainer_title(&recipe.title, &dom.title_copies()) {
        recipe.title = title.to_string();
    }
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

/// Typographic forms of characters that ingredient lines also write in
/// plain ASCII, with that plain spelling.
const TYPOGRAPHIC: &[(char, &str)] = &[
    ('\u{BC}', "1/4"),
    ('\u{BD}', "1/2"),
    ('\u{BE}', "3/4"),
    ('\u{2150}', "1/7"),
    ('\u{2151}', "1/9"),
    ('\u{2152}', "1/10"),
    ('\u{2153}', "1/3"),
    ('\u{2154}', "2/3"),
    ('\u{2155}', "1/5"),
    ('\u{2156}', "2/5"),
    ('\u{2157}', "3/5"),
    ('\u{2158}', "4/5"),
    ('\u{2159}', "1/6"),
    ('\u{215A}', "5/6"),
    ('\u{215B}', "1/8"),
    ('\u{215C}', "3/8"),
    ('\u{215D}', "5/8"),
    ('\u{215E}', "7/8"),
    // Fraction slash.
    ('\u{2044}', "/"),
    // Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus.
    ('\u{2010}', "-"),
    ('\u{2011}', "-"),
    ('\u{2012}', "-"),
    ('\u{2013}', "-"),
    ('\u{2014}', "-"),
    ('\u{2212}', "-"),
    // Prime and double prime (feet and inches).
    ('\u{2032}', "'"),
    ('\u{2033}', "\""),
];

/// Typographic punctuation of prose such as titles, with its plain
/// spelling: curly quotes and apostrophes, the ellipsis. Ingredient lines
/// are compared without these (see [`line_key`]).
const TYPOGRAPHIC_PUNCTUATION: &[(char, &str)] = &[
    ('\u{2018}', "'"),
    ('\u{2019}', "'"),
    ('\u{201C}', "\""),
    ('\u{201D}', "\""),
    ('\u{2026}', "..."),
];

/// The plain spelling of a character that `table` lists as typographic.
fn plain_form(c: char, table: &[(char, &'static str)]) -> Option<&'static str> {
    table.iter().find(|(t, _)| *t == c).map(|(_, plain)| *plain)
}

/// An ingredient line reduced to what it says, for comparing two copies of
/// it: lowercase, without whitespace, typographic forms spelled plainly
/// ("1 ½ Cups" and "1 1/2 cups" are the same line).
fn line_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    for c in line.chars().filter(|c| !c.is_whitespace()) {
        match plain_form(c, TYPOGRAPHIC) {
            Some(plain) => key.push_str(plain),
            None => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// How many typographic forms (see [`TYPOGRAPHIC`]) the lines use.
fn typographic_forms(lines: &[String]) -> usize {
    lines
        .iter()
        .flat_map(|l| l.chars())
        .filter(|c| plain_form(*c, TYPOGRAPHIC).is_some())
        .count()
}

/// The plain spelling of a typographic character of a title: the forms of
/// ingredient lines (dashes, fractions) and typographic punctuation.
fn plain_title_form(c: char) -> Option<&'static str> {
    plain_form(c, TYPOGRAPHIC).or_else(|| plain_form(c, TYPOGRAPHIC_PUNCTUATION))
}

/// A title reduced to what it says, for comparing two copies of it: case
/// kept, whitespace runs (also no-break spaces) one space, typographic
/// forms spelled plainly ("Mom’s Pie – Easy" and "Mom's Pie - Easy" are the
/// same title).
fn title_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    for word in title.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            match plain_title_form(c) {
                Some(plain) => key.push_str(plain),
                None => key.push(c),
            }
        }
    }
    key
}

/// How many typographic characters a title uses: typographic forms and
/// spaces other than the plain one (no-break spaces).
fn title_forms(title: &str) -> usize {
    title
        .chars()
        .filter(|c| plain_title_form(*c).is_some() || c.is_whitespace() && *c != ' ')
        .count()
}

/// The copy of the recipe's title to use instead of the structured data's,
/// if any. As with ingredient lines (see `visible_list_wins`), the data is
/// a template's copy of what the page shows: another copy of the title in
/// the page (`og:title`, `<title>`, the first `<h1>`) wins when it is the
/// same title up to typography (case counts) and writes fewer typographic
/// characters; the first such copy with the fewest wins. Page titles often
/// name the site after the recipe ("Mom's Pie - Site", "Mom's Pie | Site"),
/// so the part of a copy before such a separator is a copy too. A copy with
/// other words is another title and never wins.
fn plainer_title<'c>(title: &str, copies: &'c [String]) -> Option<&'c str> {
    let key = title_key(title);
    let mut fewest = title_forms(title);
    let mut best = None;
    let whole_and_heads = copies.iter().flat_map(|copy| {
        let heads = TITLE_SEPARATORS
            .iter()
            .flat_map(|sep| copy.match_indices(sep).map(|(at, _)| &copy[..at]));
        std::iter::once(copy.as_str()).chain(heads)
    });
    for copy in whole_and_heads.filter(|c| title_key(c) == key) {
        let forms = title_forms(copy);
        if forms < fewest {
            fewest = forms;
            best = Some(copy.trim_end());
        }
    }
    best
}

/// What separates a recipe's title from the site's name in a page title.
const TITLE_SEPARATORS: &[&str] = &[" - ", " | ", " \u{2013} ", " \u{2014} ", " \u{B7} ", " :: "];

/// Whether a visible ingredient list of the page should replace the
/// structured data's lines. The structured data is a copy of what the page
/// shows, made by a plugin or a template; the page's text is what its author
/// reads and corrects. So the visible list wins when it is the same list and
/// the data is the poorer copy:
///
/// - the lines say the same up to case, spacing and typography, and the
///   page writes fewer typographic forms ("¼", "–"): plain ASCII quantities
///   are what every reader and parser takes. With as many, the page's case
///   wins (templates lowercase the data), never its spacing alone: the
///   spaces of a recipe card's lines are read from its markup;
/// - the data has only the food names of the visible lines ("Knoblauchzehe"
///   for "1 Stück Knoblauchzehe");
/// - the data stops partway through the visible list;
/// - lines of the data lost a part of the visible line: a note in
///   parentheses at its end ("… tomatoes (or 1.5 jars of sauce)"), or the
///   whole number of a decimal quantity ("5 tsp" for "1.5 tsp", from a
///   recipe plugin that split its lines at the decimal point).
///
/// Lines must otherwise agree, so a visible list with other text (notes on
/// the ingredients, the same food in other words) never wins.
fn visible_list_wins(schema: &[String], visible: &[String]) -> bool {
    if schema.is_empty() || visible.is_empty() || schema == visible {
        return false;
    }
    let schema_keys: Vec<String> = schema.iter().map(|l| line_key(l)).collect();
    let visible_keys: Vec<String> = visible.iter().map(|l| line_key(l)).collect();
    if schema_keys == visible_keys {
        let (page_forms, data_forms) = (typographic_forms(visible), typographic_forms(schema));
        let unspaced = |l: &String| -> String { l.split_whitespace().collect() };
        let other_case = schema
            .iter()
            .zip(visible)
            .any(|(s, v)| unspaced(s) != unspaced(v));
        return page_forms < data_forms || page_forms == data_forms && other_case;
    }
    let same_len = schema.len() == visible.len();
    let leading_number = |l: &String| l.chars().next().is_some_and(|c| c.is_ascii_digit());
    let names_only = !schema.iter().any(leading_number)
        && visible.iter().any(leading_number)
        && same_len
        && schema_keys
            .iter()
            .zip(&visible_keys)
            .all(|(s, v)| v.contains(s.as_str()));
    let truncated =
        visible.len() > schema.len() && schema_keys.iter().zip(&visible_keys).all(|(s, v)| s == v);
    let lost_part = |s: &String, v: &String| {
        let note = v
            .strip_prefix(s.as_str())
            .is_some_and(|note| note.starts_with('(') && note.ends_with(')') && note.len() > 2);
        let whole_number = s.starts_with(|c: char| c.is_ascii_digit())
            && v.strip_suffix(s.as_str())
                .and_then(|lost| lost.strip_suffix(['.', ',']))
                .is_some_and(|whole| {
                    !whole.is_empty() && whole.chars().all(|c| c.is_ascii_digit())
                });
        s == v || note || whole_number
    };
    let parts_lost = same_len
        && schema_keys
            .iter()
            .zip(&visible_keys)
            .all(|(s, v)| lost_part(s, v));
    names_only || truncated || parts_lost
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
    fn visible_list_replaces_only_a_poorer_copy() {
        let v = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        let wins = |data: &[&str], page: &[&str]| visible_list_wins(&v(data), &v(page));
        // The same lines: the plainer writing, then the page's case; never
        // spacing alone.
        assert!(wins(&["¼ tsp salt", "1 egg"], &["1/4 tsp salt", "1 egg"]));
        assert!(!wins(&["1/4 tsp salt"], &["¼ tsp salt"]));
        assert!(!wins(
            &["1-2 eggs", "1 1/2 cups milk"],
            &["1–2 eggs", "1 ½ cups milk"]
        ));
        assert!(wins(&["1 large squash"], &["1 Large squash"]));
        assert!(!wins(
            &["1 cup (135 g) cashews"],
            &["1 cup ( 135 g ) cashews"]
        ));
        // Parts the data lost.
        assert!(wins(
            &["Speck", "Honig"],
            &["18 Scheibe Speck", "3 EL Honig"]
        ));
        assert!(wins(&["1 egg"], &["1 egg", "2 cups flour"]));
        assert!(wins(&["1 jar sauce"], &["1 jar sauce (or 2 cans)"]));
        assert!(wins(
            &["3 tbsp oil", "5 tsp ginger", "5 c lentils"],
            &["3 tbsp oil", "1.5 tsp ginger", "1,5 c lentils"]
        ));
        assert!(!wins(&["5 tsp ginger"], &["1.5 tsp sugar"]));
        assert!(!wins(&["5 tsp ginger"], &["a.5 tsp ginger"]));
        assert!(!wins(&["1 egg", "ginger"], &["1 egg", "1. ginger"]));
        // Other words or other text: the data stays.
        assert!(!wins(&["4 båter hvitløk"], &["4 båt hvitløk"]));
        assert!(!wins(&["1 egg"], &["Eggs: use large ones"]));
        assert!(!wins(&[], &["1 egg"]));
        assert!(!wins(&["1 egg"], &[]));
    }

    #[test]
    fn recipe_card_mends_a_broken_plugin_copy() {
        let html = r#"<html><script type="application/ld+json">{"@type":"Recipe","name":"Curry",
"recipeIngredient":["3 Tbsp oil\n5 tsp ginger","¼ tsp salt"]}</script>
<h2>Ingredients</h2><ul><li>Ginger: fresh is best.</li><li>Oil: any.</li><li>Salt: fine.</li></ul>
<div class="tasty-recipes-ingredients"><h3>Ingredients</h3><div class="tasty-recipes-ingredients-body">
<p><span data-amount="3">3 Tbsp</span> oil</p><p><span>1.5 tsp</span> ginger</p>
<p><span>1/4 tsp</span> salt</p></div></div></html>"#;
        let r = from_html(html, None).expect("a recipe");
        assert_eq!(
            r.ingredients,
            vec!["3 Tbsp oil", "1.5 tsp ginger", "1/4 tsp salt"]
        );
    }

    #[test]
    fn plainer_copy_of_the_title_wins() {
        let page = |name: &str, head: &str, body: &str| {
            format!(
                r#"<html><head>{head}<script type="application/ld+json">{{"@type":"Recipe","name":"{name}","recipeIngredient":["1 egg"]}}</script></head><body>{body}</body></html>"#
            )
        };
        let title = |html: String| from_html(&html, None).expect("a recipe").title;
        // The same title written plainly: the <title>, the og:title or the
        // first <h1> wins.
        assert_eq!(
            title(page(
                "Mom’s “Best” Pie – Easy…",
                "<title>Mom&#039;s &quot;Best&quot; Pie - Easy...</title>",
                "<h1>Mom’s Pie</h1>"
            )),
            r#"Mom's "Best" Pie - Easy..."#
        );
        assert_eq!(
            title(page(
                "Mom’s Pie",
                r#"<title>Mom’s Pie | Site</title><meta property="og:title" content="Mom&#039;s&nbsp;Pie">"#,
                ""
            )),
            "Mom's Pie"
        );
        assert_eq!(
            title(page("Mom’s Pie", "", "<h1>Mom&#39;s <span>Pie</span></h1>")),
            "Mom's Pie"
        );
        // The site's name after the title: the part before it is a copy.
        assert_eq!(
            title(page("Mom’s Pie", "<title>Mom's Pie - Site</title>", "")),
            "Mom's Pie"
        );
        assert_eq!(
            title(page(
                "Mom’s Pie",
                r#"<meta property="og:title" content="Mom's Pie | Best - Site">"#,
                ""
            )),
            "Mom's Pie"
        );
        // Another title (other case, other words, more after no separator),
        // an icon's <title>, a later <h1>, or a copy no plainer than the
        // data: the data's title stays.
        assert_eq!(
            title(page(
                "Mom’s Pie",
                r#"<title>Mom's Pies - Site</title><meta property="og:title" content="Mom's pie">"#,
                "<h1>Mom's Pie-Site</h1>"
            )),
            "Mom’s Pie"
        );
        assert_eq!(
            title(page(
                "Mom’s Pie",
                "",
                "<svg><title>Mom's Pie</title></svg><h1>Other</h1><h1>Mom's Pie</h1>"
            )),
            "Mom’s Pie"
        );
        assert_eq!(
            title(page(
                "Mom's Pie",
                "<title>Mom’s Pie</title>",
                "<h1>Mom&rsquo;s Pie</h1>"
            )),
            "Mom's Pie"
        );
        assert_eq!(plainer_title("A – B", &["A - B".into()]), Some("A - B"));
        assert_eq!(plainer_title("A – B", &["A-B".into()]), None);
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
