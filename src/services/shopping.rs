//! The shopping-list use cases: add by hand, derive from recipes, check off
//! into the pantry, list by aisle.

use super::{Kitchen, ServiceError, ServiceResult};
use crate::domain::food::Aisle;
use crate::domain::household::HouseholdId;
use crate::domain::pantry::{self, Location, PantryItem};
use crate::domain::quantity::Quantity;
use crate::domain::recipe::Recipe;
use crate::domain::shopping::{self, ItemSource, ShoppingItem};
use chrono::{DateTime, Utc};

impl Kitchen {
    /// Adds "2 lemons" to the list, merging it into an unchecked line of
    /// the same food when the amounts convert.
    pub async fn shopping_add(
        &self,
        h: HouseholdId,
        line: &str,
        now: DateTime<Utc>,
    ) -> ServiceResult<ShoppingItem> {
        let ing = self.read_item_line(line)?;
        let quantity = ing.quantity.map(|q| match ing.package {
            Some(p) if matches!(q.unit, crate::domain::units::Unit::Can) => {
                Quantity::new(q.upper() * p.amount, p.unit)
            }
            _ => q,
        });
        self.add_to_list(h, &ing.name, quantity, ItemSource::Manual, now)
            .await
    }

    async fn add_to_list(
        &self,
        h: HouseholdId,
        name: &str,
        quantity: Option<Quantity>,
        source: ItemSource,
        now: DateTime<Utc>,
    ) -> ServiceResult<ShoppingItem> {
        let key = pantry::food_key(name, self.foods);
        let food = self.foods.food_in(&key);
        let items = self.store.shopping_items(h).await?;
        for item in items.iter().filter(|i| !i.checked && i.name == key) {
            if let Some(merged) = shopping::combine(item.quantity, quantity, food) {
                let updated = ShoppingItem {
                    quantity: merged,
                    ..item.clone()
                };
                self.store.update_shopping_item(h, &updated).await?;
                return Ok(updated);
            }
        }
        let item = ShoppingItem {
            id: 0,
            name: key,
            quantity,
            aisle: food.map_or(Aisle::Other, |f| f.aisle),
            source,
            checked: false,
        };
        Ok(self.store.insert_shopping_item(h, &item, now).await?)
    }

    /// Adds what `recipes` need beyond the pantry to the list.
    pub async fn shopping_add_for(
        &self,
        h: HouseholdId,
        recipes: &[(&Recipe, f64)],
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<ShoppingItem>> {
        let needs = shopping::needs_for(recipes, self.foods);
        let on_hand = self.store.pantry(h).await?;
        let lines = shopping::derive(&needs, &on_hand, self.foods);
        let mut added = Vec::with_capacity(lines.len());
        for line in lines {
            added.push(
                self.add_to_list(h, &line.name, line.quantity, ItemSource::Plan, now)
                    .await?,
            );
        }
        Ok(added)
    }

    /// The list: unchecked items first, by aisle and name.
    pub async fn shopping_list(&self, h: HouseholdId) -> ServiceResult<Vec<ShoppingItem>> {
        let mut items = self.store.shopping_items(h).await?;
        items.sort_by(|a, b| (a.checked, a.aisle, &a.name).cmp(&(b.checked, b.aisle, &b.name)));
        Ok(items)
    }

    /// Checks an item off by name ("lemons", "limones") and moves what was
    /// bought into the pantry.
    pub async fn check_off(
        &self,
        h: HouseholdId,
        name: &str,
        now: DateTime<Utc>,
    ) -> ServiceResult<ShoppingItem> {
        let key = pantry::food_key(name, self.foods);
        let items = self.store.shopping_items(h).await?;
        let Some(item) = items.iter().find(|i| !i.checked && i.name == key) else {
            return Err(ServiceError::not_found(format!(
                "\"{}\" is not on the shopping list: see it with \"shopping list\"",
                name.trim()
            )));
        };
        let placement = match item.quantity {
            Some(q) => {
                let food = self.foods.lookup(&item.name);
                let current = self.store.pantry(h).await?;
                let bought = PantryItem {
                    id: 0,
                    name: item.name.clone(),
                    amount: q.upper(),
                    unit: q.unit,
                    expires: None,
                    location: Location::default_for(food),
                };
                Some(pantry::place(&current, bought, self.foods))
            }
            None => None,
        };
        self.store
            .check_off(h, item.id, placement.as_ref(), now)
            .await?
            .ok_or_else(|| {
                ServiceError::not_found(format!("\"{}\" was already checked off", item.name))
            })
    }

    /// Removes an item from the list by name.
    pub async fn shopping_remove(&self, h: HouseholdId, name: &str) -> ServiceResult<ShoppingItem> {
        let key = pantry::food_key(name, self.foods);
        let items = self.store.shopping_items(h).await?;
        let Some(item) = items.into_iter().find(|i| !i.checked && i.name == key) else {
            return Err(ServiceError::not_found(format!(
                "\"{}\" is not on the shopping list",
                name.trim()
            )));
        };
        self.store.delete_shopping_item(h, item.id).await?;
        Ok(item)
    }
}
