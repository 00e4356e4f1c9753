//! Recipe search over an index built once per catalog: by text (title,
//! tags, cuisine; English and Spanish, any case and accents), by
//! ingredients, and by what the pantry holds.

use super::catalog::{Facts, STAPLES};
use crate::domain::flags::{Allergen, Diet, Flag};
use crate::domain::food::{FoodId, FoodTable};
use crate::domain::pantry::PantryItem;
use crate::domain::recipe::{MealType, Recipe};
use crate::domain::text::fold_name;
use chrono::{Days, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};

/// Posting lists: word → recipes, food → recipes.
#[derive(Debug, Default)]
pub struct SearchIndex {
    words: FxHashMap<Box<str>, Vec<(u32, u8)>>,
    pub(crate) foods: FxHashMap<FoodId, Vec<u32>>,
}

/// Where a word was found; title matches count most.
const IN_TITLE: u8 = 3;
const IN_TAGS: u8 = 2;
const IN_INGREDIENTS: u8 = 1;

/// Words that carry no meaning in a search ("something with fish").
const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "the",
    "with",
    "of",
    "for",
    "some",
    "something",
    "recipe",
    "recipes",
    "dish",
    "y",
    "con",
    "de",
    "del",
    "la",
    "el",
    "los",
    "las",
    "un",
    "una",
    "algo",
    "receta",
    "recetas",
    "para",
    "plato",
    "in",
    "en",
    "or",
    "o",
    "quick",
    "easy",
];

/// Words that name a kind of food by its flags rather than a food.
fn category(word: &str) -> Option<&'static [Flag]> {
    Some(match word {
        "fish" | "pescado" | "pescados" | "pez" => &[Flag::Fish],
        "seafood" | "mariscos" | "marisco" | "shellfish" => &[Flag::Shellfish],
        "meat" | "carne" | "carnes" => &[Flag::Meat],
        "poultry" | "aves" => &[Flag::Poultry],
        _ => return None,
    })
}

fn variants(word: &str) -> impl Iterator<Item = String> + '_ {
    let singular = word
        .strip_suffix("es")
        .filter(|s| s.len() > 2 && !word.ends_with("ies"))
        .map(str::to_string);
    let simple = word
        .strip_suffix('s')
        .filter(|s| s.len() > 1)
        .map(str::to_string);
    let ies = word.strip_suffix("ies").map(|s| format!("{s}y"));
    std::iter::once(word.to_string())
        .chain(singular)
        .chain(simple)
        .chain(ies)
}

impl SearchIndex {
    pub fn build(recipes: &[Recipe], facts: &[Facts], table: &FoodTable) -> SearchIndex {
        let mut index = SearchIndex::default();
        for (i, r) in recipes.iter().enumerate() {
            let i = i as u32;
            let mut add = |text: &str, weight: u8| {
                for w in fold_name(text).split(' ').filter(|w| !w.is_empty()) {
                    for v in variants(w) {
                        let list = index.words.entry(v.into_boxed_str()).or_default();
                        match list.last_mut() {
                            Some((last, wt)) if *last == i => *wt = (*wt).max(weight),
                            _ => list.push((i, weight)),
                        }
                    }
                }
            };
            add(&r.spec.title, IN_TITLE);
            if let Some(es) = &r.spec.title_es {
                add(es, IN_TITLE);
            }
            for t in &r.spec.tags {
                add(t, IN_TAGS);
            }
            if let Some(c) = &r.spec.cuisine {
                add(c, IN_TAGS);
            }
            for ing in &r.ingredients {
                add(&ing.name, IN_INGREDIENTS);
            }
            // Posted under the food each is a form of: chickpeas on hand
            // or asked for find recipes with canned chickpeas.
            let mut families: Vec<FoodId> = facts[i as usize]
                .foods
                .iter()
                .map(|f| table.family(*f))
                .collect();
            families.sort_unstable();
            families.dedup();
            for f in families {
                index.foods.entry(f).or_default().push(i);
            }
        }
        index
    }
}

/// Filters every search applies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub diets: Vec<Diet>,
    pub without: Vec<Allergen>,
    pub max_minutes: Option<u32>,
    pub meal: Option<MealType>,
}

impl Filters {
    pub fn allows(&self, f: &Facts) -> bool {
        self.diets.iter().all(|d| f.fits(*d))
            && !self.without.iter().any(|a| f.may_contain(*a))
            && self.max_minutes.is_none_or(|m| f.minutes <= m)
            && self.meal.is_none_or(|m| f.suits(m))
    }
}

/// A search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Position in the catalog.
    pub position: usize,
    pub score: f64,
    /// Share of the recipe's ingredients on hand (pantry searches).
    pub on_hand: Option<f64>,
    /// Pantry items expiring soon that it uses (pantry searches).
    pub expiring_used: Vec<String>,
}

/// Searches by text and ingredients. Every meaningful word must match
/// somewhere; when nothing matches them all, recipes matching most words
/// come back instead.
pub fn search(
    catalog: &super::Catalog,
    text: &str,
    ingredients: &[String],
    filters: &Filters,
    table: &FoodTable,
    limit: usize,
) -> Vec<Hit> {
    let index = &catalog.index;
    let words: Vec<String> = fold_name(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .map(str::to_string)
        .collect();
    // Each ingredient asked for, as the families of the foods it means
    // ("chicken": breasts, thighs, whole chickens).
    let mut foods: Vec<Vec<FoodId>> = Vec::new();
    for ing in ingredients {
        if let Some(f) = table.lookup(ing) {
            let mut families: Vec<FoodId> = table
                .related(f.id)
                .into_iter()
                .map(|r| table.family(r))
                .collect();
            families.sort_unstable();
            families.dedup();
            foods.push(families);
        }
    }
    let unknown_ingredients: Vec<String> = ingredients
        .iter()
        .filter(|i| table.lookup(i).is_none())
        .map(|i| fold_name(i))
        .collect();
    let terms = words.len() + foods.len() + unknown_ingredients.len();
    let mut scores: FxHashMap<u32, (f64, usize)> = FxHashMap::default();
    let bump = |i: u32,
                s: f64,
                scores: &mut FxHashMap<u32, (f64, usize)>,
                term: usize,
                seen: &mut FxHashSet<(u32, usize)>| {
        if seen.insert((i, term)) {
            let e = scores.entry(i).or_insert((0.0, 0));
            e.0 += s;
            e.1 += 1;
        }
    };
    let mut seen = FxHashSet::default();
    let all_words = words.iter().chain(unknown_ingredients.iter());
    for (term, w) in all_words.enumerate() {
        if let Some(flags) = category(w) {
            for (i, f) in catalog.facts.iter().enumerate() {
                if flags.iter().any(|fl| f.flags.has(*fl)) {
                    bump(i as u32, 2.0, &mut scores, term, &mut seen);
                }
            }
            continue;
        }
        for v in variants(w) {
            if let Some(list) = index.words.get(v.as_str()) {
                for (i, weight) in list {
                    bump(*i, f64::from(*weight), &mut scores, term, &mut seen);
                }
            }
        }
        if let Some(food) = table.lookup_folded(w)
            && let Some(list) = index.foods.get(&table.family(food))
        {
            for i in list {
                bump(*i, 1.0, &mut scores, term, &mut seen);
            }
        }
    }
    let offset = words.len() + unknown_ingredients.len();
    for (k, families) in foods.iter().enumerate() {
        for food in families {
            if let Some(list) = index.foods.get(food) {
                for i in list {
                    bump(*i, 2.0, &mut scores, offset + k, &mut seen);
                }
            }
        }
    }
    let mut hits: Vec<(u32, f64, usize)> = if terms == 0 {
        (0..catalog.len() as u32).map(|i| (i, 0.0, 0)).collect()
    } else {
        scores.into_iter().map(|(i, (s, n))| (i, s, n)).collect()
    };
    hits.retain(|(i, _, _)| filters.allows(&catalog.facts[*i as usize]));
    let full: Vec<(u32, f64, usize)> = hits.iter().copied().filter(|h| h.2 == terms).collect();
    let mut chosen = if full.is_empty() { hits } else { full };
    chosen.sort_by(|a, b| {
        b.2.cmp(&a.2).then(b.1.total_cmp(&a.1)).then_with(|| {
            catalog.recipes[a.0 as usize]
                .spec
                .title
                .cmp(&catalog.recipes[b.0 as usize].spec.title)
        })
    });
    chosen.truncate(limit);
    chosen
        .into_iter()
        .map(|(i, s, _)| Hit {
            position: i as usize,
            score: s,
            on_hand: None,
            expiring_used: Vec::new(),
        })
        .collect()
}

/// "What can I cook with what I have": recipes ranked by the share of their
/// ingredients on hand and by the expiring items they use.
pub fn from_pantry(
    catalog: &super::Catalog,
    pantry: &[PantryItem],
    today: NaiveDate,
    filters: &Filters,
    table: &FoodTable,
    limit: usize,
) -> Vec<Hit> {
    let staples: FxHashSet<FoodId> = STAPLES
        .iter()
        .filter_map(|s| table.lookup(s).map(|f| table.family(f.id)))
        .collect();
    let soon = today + Days::new(super::generate::EXPIRING_SOON_DAYS);
    let mut on_hand: FxHashSet<FoodId> = FxHashSet::default();
    let mut expiring: FxHashMap<FoodId, String> = FxHashMap::default();
    for item in pantry {
        if let Some(food) = table.food_in(&item.name) {
            // A whole chicken on hand makes chicken-breast recipes too.
            for related in table.on_hand_as(food.id) {
                on_hand.insert(table.family(related));
            }
            if item.expires.is_some_and(|d| d >= today && d <= soon) {
                expiring.insert(food.id, food.name.clone());
            }
        }
    }
    // Only recipes that use something on hand can rank: walk the food
    // posting lists instead of the whole catalog.
    let mut have = vec![0u16; catalog.len()];
    let mut touched: Vec<u32> = Vec::new();
    for food in on_hand.iter().filter(|f| !staples.contains(f)) {
        if let Some(list) = catalog.index.foods.get(food) {
            for &i in list {
                if have[i as usize] == 0 {
                    touched.push(i);
                }
                have[i as usize] += 1;
            }
        }
    }
    let expiring: Vec<(FoodId, String)> = expiring.into_iter().collect();
    // Scored without allocating; names are looked up for the few that are returned.
    let mut scored: Vec<(f64, f64, u32, u16)> = Vec::with_capacity(touched.len());
    for i in touched {
        let f = &catalog.facts[i as usize];
        if !filters.allows(f) {
            continue;
        }
        let total = f
            .foods
            .iter()
            .filter(|x| !staples.contains(&table.family(**x)))
            .count();
        if total == 0 {
            continue;
        }
        let used = expiring.iter().filter(|(food, _)| f.uses(*food)).count();
        let share = f64::from(have[i as usize]) / total as f64;
        scored.push((
            share + 0.25 * used as f64,
            share,
            i,
            f.minutes.min(u32::from(u16::MAX)) as u16,
        ));
    }
    let order = |a: &(f64, f64, u32, u16), b: &(f64, f64, u32, u16)| {
        b.0.total_cmp(&a.0).then(a.3.cmp(&b.3)).then(a.2.cmp(&b.2))
    };
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit, order);
        scored.truncate(limit);
    }
    scored.sort_by(order);
    let hits: Vec<Hit> = scored
        .into_iter()
        .map(|(score, share, i, _)| Hit {
            position: i as usize,
            score,
            on_hand: Some(share),
            expiring_used: expiring
                .iter()
                .filter(|(food, _)| catalog.facts[i as usize].uses(*food))
                .map(|(_, name)| name.clone())
                .collect(),
        })
        .collect();
    hits
}
