//! The pantry use cases: add, remove (partially), list, cook.

use super::{Kitchen, ServiceError, ServiceResult};
use crate::domain::household::HouseholdId;
use crate::domain::ingredient::{Ingredient, parse_line};
use crate::domain::pantry::{self, Location, LotChange, PantryItem, Placement, Subtraction};
use crate::domain::quantity::Quantity;
use crate::domain::recipe::Recipe;
use crate::domain::units::Unit;
use chrono::{DateTime, NaiveDate, Utc};

/// What removing something from the pantry did.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub name: String,
    /// How much was asked for and not there, in the unit asked for.
    pub short: Option<Quantity>,
}

impl Kitchen {
    /// Reads a line like "2 kg flour" or "6 huevos" for the pantry. Counted
    /// foods default to one; anything else needs an amount.
    pub fn read_item_line(&self, line: &str) -> ServiceResult<Ingredient> {
        let mut ing =
            parse_line(line, self.foods).map_err(|e| ServiceError::invalid(e.to_string()))?;
        // "2 blorps flour": a count of something nobody counts, after a
        // word that is no unit, is a unit we do not know.
        let counted_food = ing
            .food
            .is_some_and(|id| self.foods.get(id).piece_g.is_some());
        if let (Some(word), Some(q)) = (&ing.unit_word, ing.quantity)
            && q.unit == Unit::Piece
            && !counted_food
        {
            return Err(ServiceError::invalid(
                crate::domain::units::UnknownUnit(word.clone()).to_string(),
            ));
        }
        // A pantry or a list keeps "rotisserie chicken" as written, not as
        // the food it is made of.
        ing.name = ing.item_name(self.foods);
        Ok(ing)
    }

    /// Adds an item ("2 kg flour", "6 eggs") to the pantry, merging it into
    /// a lot of the same food, place and expiry.
    pub async fn pantry_add(
        &self,
        h: HouseholdId,
        line: &str,
        expires: Option<NaiveDate>,
        location: Option<Location>,
        now: DateTime<Utc>,
    ) -> ServiceResult<PantryItem> {
        let ing = self.read_item_line(line)?;
        let food = ing.food.map(|id| self.foods.get(id));
        let (amount, unit) = match ing.quantity {
            Some(q) => (q.upper(), q.unit),
            None if food.is_some_and(|f| f.piece_g.is_some()) => (1.0, Unit::Piece),
            None => {
                return Err(ServiceError::invalid(format!(
                    "how much {}? write it with an amount, like \"1 kg {}\"",
                    ing.name, ing.name
                )));
            }
        };
        // "1 (400 g) can" is stored as 400 g: the pantry tracks contents.
        let (amount, unit) = match (ing.package, unit) {
            (Some(p), Unit::Can | Unit::Piece) => (amount * p.amount, p.unit),
            _ => (amount, unit),
        };
        let item = PantryItem {
            id: 0,
            name: ing.name.clone(),
            amount,
            unit,
            expires,
            location: location.unwrap_or_else(|| Location::default_for(food)),
        };
        let current = self.store.pantry(h).await?;
        let placement = pantry::place(&current, item.clone(), self.foods);
        let id = self.store.place_pantry_item(h, &placement, now).await?;
        Ok(match placement {
            Placement::Merge { amount, .. } => {
                let lot = current.iter().find(|i| i.id == id).cloned().unwrap_or(item);
                PantryItem { amount, ..lot }
            }
            Placement::New(item) => PantryItem { id, ..item },
        })
    }

    /// Takes something out: "500 g flour" takes that much (reporting what
    /// was short), "flour" takes all of it.
    pub async fn pantry_remove(&self, h: HouseholdId, line: &str) -> ServiceResult<Removed> {
        let ing = self.read_item_line(line)?;
        let items = self.store.pantry(h).await?;
        let key = pantry::food_key(&ing.name, self.foods);
        let lots: Vec<&PantryItem> = items
            .iter()
            .filter(|i| pantry::food_key(&i.name, self.foods) == key)
            .collect();
        if lots.is_empty() {
            return Err(ServiceError::not_found(format!(
                "there is no {} in the pantry: see what there is with \"pantry list\"",
                ing.name
            )));
        }
        let Some(amount) = ing.amount() else {
            let changes: Vec<LotChange> = lots
                .iter()
                .map(|l| LotChange::Remove { id: l.id })
                .collect();
            self.store.apply_pantry_changes(h, &changes).await?;
            return Ok(Removed {
                name: key,
                short: None,
            });
        };
        let sub = pantry::subtract(&items, &ing.name, amount, self.foods);
        if sub.changes.is_empty() && sub.incomparable {
            return Err(ServiceError::invalid(format!(
                "the pantry keeps {} in another unit: remove it in {}",
                key,
                lots[0].unit.symbol()
            )));
        }
        self.store.apply_pantry_changes(h, &sub.changes).await?;
        Ok(Removed {
            name: sub.name,
            short: (sub.short > 0.0).then(|| Quantity::new(sub.short, sub.unit).humanized()),
        })
    }

    /// The pantry, soonest expiry first, then by name.
    pub async fn pantry_list(&self, h: HouseholdId) -> ServiceResult<Vec<PantryItem>> {
        let mut items = self.store.pantry(h).await?;
        items.sort_by(|a, b| {
            (a.expires.is_none(), a.expires, &a.name).cmp(&(
                b.expires.is_none(),
                b.expires,
                &b.name,
            ))
        });
        Ok(items)
    }

    /// Deducts what cooking `servings` of `recipe` uses; returns each
    /// ingredient's subtraction (with what was short).
    pub async fn cook(
        &self,
        h: HouseholdId,
        recipe: &Recipe,
        servings: f64,
    ) -> ServiceResult<Vec<Subtraction>> {
        let items = self.store.pantry(h).await?;
        let subs = pantry::consume(&items, recipe, servings, self.foods);
        let changes: Vec<LotChange> = subs.iter().flat_map(|s| s.changes.clone()).collect();
        // Successive subtractions of one lot: the last change wins.
        let mut last: Vec<LotChange> = Vec::new();
        for change in changes {
            let id = match &change {
                LotChange::Remove { id } | LotChange::SetAmount { id, .. } => *id,
            };
            last.retain(|c| !matches!(c, LotChange::Remove { id: x } | LotChange::SetAmount { id: x, .. } if *x == id));
            last.push(change);
        }
        self.store.apply_pantry_changes(h, &last).await?;
        Ok(subs)
    }
}
