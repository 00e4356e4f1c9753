//! The pantry: what a household has, how much, where and until when.
//! Subtraction is partial (need 750 g, have 500 g: 250 g short) and takes
//! from the lots that expire first; amounts convert across units through
//! the food.

use super::food::{Food, FoodTable};
use super::measure::Amount;
use super::recipe::Recipe;
use super::text::fold_name;
use super::units::Unit;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where an item is kept.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    #[default]
    Pantry,
    Fridge,
    Freezer,
}

impl Location {
    pub fn name(self) -> &'static str {
        match self {
            Location::Pantry => "pantry",
            Location::Fridge => "fridge",
            Location::Freezer => "freezer",
        }
    }

    /// Where a food usually lives when nobody says.
    pub fn default_for(food: Option<&Food>) -> Location {
        use super::food::Aisle;
        match food.map(|f| f.aisle) {
            Some(Aisle::Meat | Aisle::Fish | Aisle::Dairy | Aisle::Eggs) => Location::Fridge,
            Some(Aisle::Frozen) => Location::Freezer,
            _ => Location::Pantry,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Location {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match fold_name(s).as_str() {
            "pantry" | "cupboard" | "shelf" | "alacena" | "despensa" | "estante" => {
                Location::Pantry
            }
            "fridge" | "refrigerator" | "heladera" | "nevera" | "refrigerador" | "refri" => {
                Location::Fridge
            }
            "freezer" | "congelador" | "freezer congelador" => Location::Freezer,
            _ => {
                return Err(format!(
                    "unknown location \"{s}\": use pantry, fridge or freezer"
                ));
            }
        })
    }
}

/// One lot of a food in the pantry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PantryItem {
    /// Store id; 0 for an item not yet saved.
    pub id: i64,
    /// Canonical food name when the table knows it, else the name as typed.
    pub name: String,
    pub amount: f64,
    pub unit: Unit,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    #[serde(default)]
    pub location: Location,
}

/// The key that says two names are the same food: the canonical name when
/// known, else the folded name.
pub fn food_key(name: &str, table: &FoodTable) -> String {
    match table.lookup(name) {
        Some(food) => food.name.clone(),
        None => fold_name(name),
    }
}

/// Whether a stored name answers to `name`: the same key, or, when `exact`
/// is false, the same food ("eggs" finds "brown eggs", "rotisserie chicken"
/// finds "rotisserie chickens" and "whole chicken").
pub fn answers_to(stored: &str, name: &str, exact: bool, table: &FoodTable) -> bool {
    if food_key(stored, table) == food_key(name, table) {
        return true;
    }
    !exact
        && table
            .food_in(name)
            .zip(table.food_in(stored))
            .is_some_and(|(a, b)| a.id == b.id)
}

/// The lots of `name`: those under its key, else those of the same food.
pub fn lots_of<'a>(items: &'a [PantryItem], name: &str, table: &FoodTable) -> Vec<&'a PantryItem> {
    let exact: Vec<&PantryItem> = items
        .iter()
        .filter(|i| answers_to(&i.name, name, true, table))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    items
        .iter()
        .filter(|i| answers_to(&i.name, name, false, table))
        .collect()
}

/// A change to one stored lot.
#[derive(Debug, Clone, PartialEq)]
pub enum LotChange {
    /// Set the lot's amount (in its own unit).
    SetAmount { id: i64, amount: f64 },
    /// The lot is used up.
    Remove { id: i64 },
}

/// The outcome of taking an amount of a food out of the pantry.
#[derive(Debug, Clone, PartialEq)]
pub struct Subtraction {
    pub name: String,
    pub changes: Vec<LotChange>,
    /// How much was missing, in the unit asked for (0 when all was there).
    pub short: f64,
    pub unit: Unit,
    /// True when some lots could not be compared (no conversion between their
    /// unit and the one asked for) and were left alone.
    pub incomparable: bool,
}

/// Plans taking `amount` of the food `name` out of `items`, from the lots
/// that expire first. Nothing is changed; the caller stores the changes.
pub fn subtract(
    items: &[PantryItem],
    name: &str,
    amount: Amount,
    table: &FoodTable,
) -> Subtraction {
    let key = food_key(name, table);
    let food = table.food_in(&key);
    let mut lots = lots_of(items, name, table);
    lots.sort_by_key(|i| (i.expires.is_none(), i.expires, i.id));
    let mut remaining = amount.value;
    let mut changes = Vec::new();
    let mut incomparable = false;
    for lot in lots {
        if remaining <= 1e-9 {
            break;
        }
        let lot_amount = Amount::new(lot.amount, lot.unit);
        let Some(have) = lot_amount.convert(amount.unit, food) else {
            incomparable = true;
            continue;
        };
        if have <= remaining + 1e-9 {
            remaining -= have;
            changes.push(LotChange::Remove { id: lot.id });
        } else {
            let left_in_request_unit = have - remaining;
            let left = Amount {
                value: left_in_request_unit,
                ..amount
            }
            .convert(lot.unit, food)
            .unwrap_or(0.0);
            changes.push(LotChange::SetAmount {
                id: lot.id,
                amount: left,
            });
            remaining = 0.0;
        }
    }
    Subtraction {
        name: key,
        changes,
        short: if remaining > 1e-9 { remaining } else { 0.0 },
        unit: amount.unit,
        incomparable,
    }
}

/// How much of a food the pantry holds, in `unit` (lots that cannot be
/// converted are not counted).
pub fn available(items: &[PantryItem], name: &str, unit: Unit, table: &FoodTable) -> f64 {
    let food = table.food_in(name);
    lots_of(items, name, table)
        .into_iter()
        .filter_map(|i| Amount::new(i.amount, i.unit).convert(unit, food))
        .sum()
}

/// Plans cooking `servings` of a recipe: one subtraction per ingredient with
/// an amount. Successive ingredients of the same food see earlier changes.
pub fn consume(
    items: &[PantryItem],
    recipe: &Recipe,
    servings: f64,
    table: &FoodTable,
) -> Vec<Subtraction> {
    let factor = servings / f64::from(recipe.spec.servings.max(1));
    let mut state: Vec<PantryItem> = items.to_vec();
    let mut out = Vec::new();
    for ing in &recipe.ingredients {
        let Some(mut amount) = ing.amount() else {
            continue;
        };
        amount.value *= factor;
        let sub = subtract(&state, &ing.name, amount, table);
        apply(&mut state, &sub.changes);
        out.push(sub);
    }
    out
}

/// Applies planned changes to an in-memory pantry.
pub fn apply(items: &mut Vec<PantryItem>, changes: &[LotChange]) {
    for change in changes {
        match change {
            LotChange::Remove { id } => items.retain(|i| i.id != *id),
            LotChange::SetAmount { id, amount } => {
                if let Some(item) = items.iter_mut().find(|i| i.id == *id) {
                    item.amount = *amount;
                }
            }
        }
    }
}

/// Where a new item goes: into an existing lot (same food, place and
/// expiry, convertible unit) or as a new lot.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    Merge { id: i64, amount: f64 },
    New(PantryItem),
}

/// Decides where `item` goes among `items`.
pub fn place(items: &[PantryItem], item: PantryItem, table: &FoodTable) -> Placement {
    let key = food_key(&item.name, table);
    let food = table.food_in(&key);
    for lot in items {
        if lot.location != item.location || lot.expires != item.expires {
            continue;
        }
        if food_key(&lot.name, table) != key {
            continue;
        }
        if let Some(extra) = Amount::new(item.amount, item.unit).convert(lot.unit, food) {
            return Placement::Merge {
                id: lot.id,
                amount: lot.amount + extra,
            };
        }
    }
    Placement::New(PantryItem { name: key, ..item })
}

/// Items expiring on or before `until`, soonest first.
pub fn expiring(items: &[PantryItem], until: NaiveDate) -> Vec<&PantryItem> {
    let mut out: Vec<&PantryItem> = items
        .iter()
        .filter(|i| i.expires.is_some_and(|d| d <= until))
        .collect();
    out.sort_by_key(|i| i.expires);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::recipe::{MealType, RecipeSpec};

    fn item(id: i64, name: &str, amount: f64, unit: Unit, expires: Option<&str>) -> PantryItem {
        PantryItem {
            id,
            name: name.into(),
            amount,
            unit,
            expires: expires.map(|d| d.parse().unwrap()),
            location: Location::Pantry,
        }
    }

    #[test]
    fn partial_subtraction_reports_what_is_short() {
        let t = FoodTable::builtin();
        let items = vec![item(1, "flour", 500.0, Unit::Gram, None)];
        let sub = subtract(&items, "flour", Amount::new(750.0, Unit::Gram), t);
        assert_eq!(sub.changes, vec![LotChange::Remove { id: 1 }]);
        assert!((sub.short - 250.0).abs() < 1e-9);
    }

    #[test]
    fn takes_from_lots_that_expire_first_across_units() {
        let t = FoodTable::builtin();
        let items = vec![
            item(1, "milk", 1.0, Unit::Litre, Some("2026-12-10")),
            item(2, "leche", 500.0, Unit::Millilitre, Some("2026-12-01")),
        ];
        let sub = subtract(&items, "Milk", Amount::new(3.0, Unit::Cup), t);
        assert_eq!(sub.short, 0.0);
        assert_eq!(sub.changes[0], LotChange::Remove { id: 2 });
        match sub.changes[1] {
            LotChange::SetAmount { id: 1, amount } => {
                let used_ml = 3.0 * crate::domain::units::ML_PER_CUP - 500.0;
                assert!((amount - (1.0 - used_ml / 1000.0)).abs() < 1e-6, "{amount}");
            }
            ref other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn counts_convert_to_weights_through_the_food() {
        let t = FoodTable::builtin();
        let items = vec![item(1, "eggs", 6.0, Unit::Piece, None)];
        let have = available(&items, "egg", Unit::Gram, t);
        assert!(have > 250.0);
        let sub = subtract(&items, "huevos", Amount::new(2.0, Unit::Piece), t);
        assert_eq!(
            sub.changes,
            vec![LotChange::SetAmount { id: 1, amount: 4.0 }]
        );
    }

    #[test]
    fn cooking_a_recipe_deducts_its_ingredients() {
        let t = FoodTable::builtin();
        let recipe = Recipe::from_spec(
            RecipeSpec {
                id: "omelette".into(),
                title: "Omelette".into(),
                title_es: None,
                servings: 1,
                minutes: 10,
                meals: vec![MealType::Breakfast],
                cuisine: None,
                tags: vec![],
                main_protein: None,
                ingredients: vec![
                    "2 eggs".into(),
                    "10 g butter".into(),
                    "salt to taste".into(),
                ],
                steps: vec![],
                source: None,
                attribution: None,
            },
            t,
        )
        .unwrap();
        let items = vec![
            item(1, "egg", 6.0, Unit::Piece, None),
            item(2, "butter", 250.0, Unit::Gram, None),
        ];
        let subs = consume(&items, &recipe, 2.0, t);
        assert_eq!(subs.len(), 2, "salt to taste has no amount to deduct");
        assert_eq!(
            subs[0].changes,
            vec![LotChange::SetAmount { id: 1, amount: 2.0 }]
        );
        assert_eq!(
            subs[1].changes,
            vec![LotChange::SetAmount {
                id: 2,
                amount: 230.0
            }]
        );
    }

    #[test]
    fn adding_merges_into_a_matching_lot() {
        let t = FoodTable::builtin();
        let items = vec![item(7, "rice", 1.0, Unit::Kilogram, None)];
        let placed = place(&items, item(0, "arroz", 500.0, Unit::Gram, None), t);
        assert_eq!(placed, Placement::Merge { id: 7, amount: 1.5 });
        let placed = place(
            &items,
            item(0, "rice", 500.0, Unit::Gram, Some("2027-01-01")),
            t,
        );
        assert!(
            matches!(placed, Placement::New(_)),
            "a different expiry is a different lot"
        );
    }
}
