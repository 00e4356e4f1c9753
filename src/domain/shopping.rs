//! The shopping list: what the planned recipes need minus what the pantry
//! holds, merged across units and spellings ("200 g flour" + "1 cup harina"
//! is one line), grouped by aisle.

use super::food::{Aisle, Food, FoodTable};
use super::measure::Amount;
use super::pantry::PantryItem;
use super::quantity::{Quantity, humanize, round_for_unit};
use super::recipe::Recipe;
use super::text::fold_name;
use super::units::{Dimension, Unit};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// An amount of a food something needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    /// Canonical food name when known, else the folded name.
    pub name: String,
    /// `None` for "salt to taste": needed, amount unknown.
    pub amount: Option<Amount>,
}

/// One line of a shopping list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShoppingLine {
    pub name: String,
    /// `None` when only "some" is needed (salt to taste).
    pub quantity: Option<Quantity>,
    pub aisle: Aisle,
}

/// Where a stored list item came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemSource {
    /// Someone added it by hand ("we need lemons").
    Manual,
    /// Derived from the meal plan.
    Plan,
}

impl ItemSource {
    pub fn name(self) -> &'static str {
        match self {
            ItemSource::Manual => "manual",
            ItemSource::Plan => "plan",
        }
    }

    pub fn parse(s: &str) -> Option<ItemSource> {
        match s {
            "manual" => Some(ItemSource::Manual),
            "plan" => Some(ItemSource::Plan),
            _ => None,
        }
    }
}

/// A stored shopping-list item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShoppingItem {
    /// Store id; 0 before it is saved.
    pub id: i64,
    pub name: String,
    pub quantity: Option<Quantity>,
    pub aisle: Aisle,
    pub source: ItemSource,
    pub checked: bool,
}

/// Adds `extra` to an item's quantity when the two convert; `None` when they
/// cannot be one line.
pub fn combine(
    current: Option<Quantity>,
    extra: Option<Quantity>,
    food: Option<&Food>,
) -> Option<Option<Quantity>> {
    match (current, extra) {
        (None, None) => Some(None),
        (Some(q), None) | (None, Some(q)) => Some(Some(q)),
        (Some(a), Some(b)) => {
            let merged = merge_amounts(
                &[
                    Amount::new(a.upper(), a.unit),
                    Amount::new(b.upper(), b.unit),
                ],
                food,
            );
            match merged.as_slice() {
                [one] => Some(Some(*one)),
                _ => None,
            }
        }
    }
}

/// Everything `recipes` need, each scaled to its servings.
pub fn needs_for(recipes: &[(&Recipe, f64)], table: &FoodTable) -> Vec<Need> {
    let mut out = Vec::new();
    for (recipe, servings) in recipes {
        let factor = *servings / f64::from(recipe.spec.servings.max(1));
        for ing in &recipe.ingredients {
            if ing.optional {
                continue;
            }
            let name = match ing.food {
                Some(id) => table.get(id).name.clone(),
                None => ing.name.clone(),
            };
            let amount = ing.amount().map(|a| Amount {
                value: a.value * factor,
                ..a
            });
            out.push(Need { name, amount });
        }
    }
    out
}

/// Adds up amounts of one food: in their common unit when they share one,
/// else in grams, millilitres or pieces as the food allows. Amounts that
/// cannot be converted to the others stay separate.
pub fn merge_amounts(amounts: &[Amount], food: Option<&Food>) -> Vec<Quantity> {
    if amounts.is_empty() {
        return Vec::new();
    }
    let first = amounts[0].unit;
    if amounts
        .iter()
        .all(|a| a.unit == first && a.package.is_none() && a.size.is_none())
    {
        let total: f64 = amounts.iter().map(|a| a.value).sum();
        return vec![tidy(total, first)];
    }
    let mut grams = 0.0;
    let mut any_grams = false;
    let mut any_piece = false;
    let mut all_volume = true;
    let mut ml = 0.0;
    let mut any_ml = false;
    let mut others: Vec<(Unit, f64)> = Vec::new();
    for a in amounts {
        any_piece |= a.unit == Unit::Piece;
        all_volume &= a.unit.dimension() == Dimension::Volume;
        if let Some(g) = a.grams(food) {
            grams += g;
            any_grams = true;
        } else if let Some(v) = a.millilitres(food) {
            ml += v;
            any_ml = true;
        } else {
            match others.iter_mut().find(|(u, _)| *u == a.unit) {
                Some((_, v)) => *v += a.value,
                None => others.push((a.unit, a.value)),
            }
        }
    }
    let mut out = Vec::new();
    if any_grams {
        let piece = food.and_then(|f| f.piece_g).filter(|_| any_piece);
        let density = food.and_then(|f| f.g_per_ml);
        let q = match (piece, density) {
            (Some(p), _) => Quantity::new((grams / p).ceil().max(1.0), Unit::Piece),
            (None, Some(d)) if all_volume || food.is_some_and(Food::is_liquid) => {
                humanize(grams / d, Dimension::Volume)
            }
            _ => humanize(grams, Dimension::Mass),
        };
        out.push(q);
    }
    if any_ml {
        out.push(humanize(ml, Dimension::Volume));
    }
    for (unit, value) in others {
        out.push(tidy(value, unit));
    }
    out
}

/// Rounds a total for a list: whole pieces up, weights and volumes to
/// measurable amounts, large ones in kg or l.
fn tidy(value: f64, unit: Unit) -> Quantity {
    match unit {
        Unit::Gram => humanize(value, Dimension::Mass),
        Unit::Millilitre => humanize(value, Dimension::Volume),
        Unit::Piece | Unit::Can | Unit::Bunch | Unit::Clove => {
            Quantity::new((value - 1e-9).ceil().max(1.0), unit)
        }
        other => Quantity::new(round_for_unit(value, other), other),
    }
}

/// The shopping list for `needs` given the pantry: merged per food, minus
/// what is on hand, sorted by aisle and name.
pub fn derive(needs: &[Need], pantry: &[PantryItem], table: &FoodTable) -> Vec<ShoppingLine> {
    // Group needs by food, keeping first-seen order for stable output.
    let mut order: Vec<&str> = Vec::new();
    let mut grouped: FxHashMap<&str, (Vec<Amount>, bool)> = FxHashMap::default();
    for need in needs {
        let entry = grouped.entry(need.name.as_str()).or_insert_with(|| {
            order.push(need.name.as_str());
            (Vec::new(), false)
        });
        match need.amount {
            Some(a) => entry.0.push(a),
            None => entry.1 = true,
        }
    }
    // Index the pantry once by food key.
    let mut on_hand: FxHashMap<String, Vec<&PantryItem>> = FxHashMap::default();
    for item in pantry {
        // "brown eggs" on hand are eggs.
        let key = match table.food_in(&item.name) {
            Some(f) => f.name.clone(),
            None => fold_name(&item.name),
        };
        on_hand.entry(key).or_default().push(item);
    }

    let mut lines = Vec::new();
    for name in order {
        let (amounts, unmeasured) = &grouped[name];
        let food = table.lookup(name);
        let aisle = food.map_or(Aisle::Other, |f| f.aisle);
        let lots = on_hand.get(name).map(Vec::as_slice).unwrap_or(&[]);
        if amounts.is_empty() {
            if *unmeasured && lots.is_empty() {
                lines.push(ShoppingLine {
                    name: name.to_string(),
                    quantity: None,
                    aisle,
                });
            }
            continue;
        }
        for q in merge_amounts(amounts, food) {
            let have: f64 = lots
                .iter()
                .filter_map(|lot| Amount::new(lot.amount, lot.unit).convert(q.unit, food))
                .sum();
            let missing = q.amount - have;
            if missing <= q.amount * 0.01 {
                continue;
            }
            let quantity = match q.unit {
                Unit::Kilogram => humanize(missing * 1000.0, Dimension::Mass),
                Unit::Litre => humanize(missing * 1000.0, Dimension::Volume),
                other => tidy(missing, other),
            };
            lines.push(ShoppingLine {
                name: name.to_string(),
                quantity: Some(quantity),
                aisle,
            });
        }
    }
    lines.sort_by(|a, b| a.aisle.cmp(&b.aisle).then_with(|| a.name.cmp(&b.name)));
    lines
}

/// Lines grouped under their aisle, in store order.
pub fn by_aisle(lines: &[ShoppingLine]) -> Vec<(Aisle, Vec<&ShoppingLine>)> {
    let mut groups: Vec<(Aisle, Vec<&ShoppingLine>)> = Vec::new();
    let mut sorted: Vec<&ShoppingLine> = lines.iter().collect();
    sorted.sort_by(|a, b| a.aisle.cmp(&b.aisle).then_with(|| a.name.cmp(&b.name)));
    for line in sorted {
        match groups.last_mut() {
            Some((aisle, items)) if *aisle == line.aisle => items.push(line),
            _ => groups.push((line.aisle, vec![line])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pantry::Location;

    fn need(name: &str, value: f64, unit: Unit) -> Need {
        Need {
            name: name.into(),
            amount: Some(Amount::new(value, unit)),
        }
    }

    #[test]
    fn merges_the_same_food_across_units() {
        let t = FoodTable::builtin();
        let lines = derive(
            &[
                need("flour", 200.0, Unit::Gram),
                need("flour", 1.0, Unit::Cup),
            ],
            &[],
            t,
        );
        assert_eq!(lines.len(), 1, "{lines:?}");
        let q = lines[0].quantity.unwrap();
        assert_eq!(q.unit, Unit::Gram);
        assert!((310.0..=340.0).contains(&q.amount), "{q:?}");
        assert_eq!(lines[0].aisle, t.lookup("flour").unwrap().aisle);
    }

    #[test]
    fn subtracts_the_pantry_partially() {
        let t = FoodTable::builtin();
        let pantry = vec![PantryItem {
            id: 1,
            name: "harina".into(),
            amount: 500.0,
            unit: Unit::Gram,
            expires: None,
            location: Location::Pantry,
        }];
        let lines = derive(&[need("flour", 750.0, Unit::Gram)], &pantry, t);
        assert_eq!(lines[0].quantity, Some(Quantity::new(250.0, Unit::Gram)));
        let lines = derive(&[need("flour", 400.0, Unit::Gram)], &pantry, t);
        assert!(lines.is_empty());
    }

    #[test]
    fn counted_foods_stay_counted_and_round_up() {
        let t = FoodTable::builtin();
        let lines = derive(
            &[need("egg", 2.0, Unit::Piece), need("egg", 1.5, Unit::Piece)],
            &[],
            t,
        );
        assert_eq!(lines[0].quantity, Some(Quantity::new(4.0, Unit::Piece)));
        let lines = derive(
            &[
                need("egg", 2.0, Unit::Piece),
                need("egg", 100.0, Unit::Gram),
            ],
            &[],
            t,
        );
        assert_eq!(lines[0].quantity.unwrap().unit, Unit::Piece);
    }

    #[test]
    fn unmeasured_needs_appear_only_when_nothing_is_on_hand() {
        let t = FoodTable::builtin();
        let salt = Need {
            name: "salt".into(),
            amount: None,
        };
        assert_eq!(derive(std::slice::from_ref(&salt), &[], t).len(), 1);
        let pantry = vec![PantryItem {
            id: 1,
            name: "salt".into(),
            amount: 1.0,
            unit: Unit::Kilogram,
            expires: None,
            location: Location::Pantry,
        }];
        assert!(derive(&[salt], &pantry, t).is_empty());
    }

    #[test]
    fn combining_list_items_merges_convertible_amounts() {
        let t = FoodTable::builtin();
        let flour = t.lookup("flour");
        let merged = combine(
            Some(Quantity::new(1.0, Unit::Kilogram)),
            Some(Quantity::new(500.0, Unit::Gram)),
            flour,
        );
        assert_eq!(merged, Some(Some(Quantity::new(1.5, Unit::Kilogram))));
        let merged = combine(
            Some(Quantity::new(2.0, Unit::Piece)),
            Some(Quantity::new(3.0, Unit::Piece)),
            None,
        );
        assert_eq!(merged, Some(Some(Quantity::new(5.0, Unit::Piece))));
        assert_eq!(
            combine(
                Some(Quantity::new(2.0, Unit::Bunch)),
                Some(Quantity::new(1.0, Unit::Cup)),
                None
            ),
            None
        );
    }

    #[test]
    fn groups_by_aisle_in_store_order() {
        let t = FoodTable::builtin();
        let lines = derive(
            &[
                need("rice", 500.0, Unit::Gram),
                need("onion", 2.0, Unit::Piece),
                need("milk", 1.0, Unit::Litre),
            ],
            &[],
            t,
        );
        let groups = by_aisle(&lines);
        assert_eq!(groups[0].0, Aisle::Produce);
        assert!(groups.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
