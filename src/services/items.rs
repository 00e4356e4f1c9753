//! Undoable item edits, as the conversation engine makes them: several
//! items at once, validated together (one bad item changes nothing), each
//! edit recorded as one change that `undo` reverts.

use super::{Kitchen, ServiceError, ServiceResult};
use crate::domain::food::{Aisle, FoodTable};
use crate::domain::household::{HouseholdId, Preferences};
use crate::domain::ingredient::Ingredient;
use crate::domain::pantry::{self, Location, LotChange, PantryItem, Placement};
use crate::domain::quantity::{Quantity, format_for_unit};
use crate::domain::shopping::{self, ItemSource, ShoppingItem};
use crate::domain::units::Unit;
use crate::store::{Change, PantryWrite, Reminder, ReminderWrite, ShoppingWrite, Writes};
use chrono::{DateTime, NaiveDate, Utc};

/// An item as a person names it: "2 kg flour", "eggs", "leche que vence el viernes".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemSpec {
    pub name: String,
    pub quantity: Option<f64>,
    pub unit: Option<Unit>,
    pub expires: Option<NaiveDate>,
}

impl ItemSpec {
    /// The item as an ingredient line ("2 kg flour", "6 eggs", "garlic").
    pub fn line(&self) -> String {
        match (self.quantity, self.unit) {
            (Some(q), Some(u)) => format!("{} {} {}", format_for_unit(q, u), u.symbol(), self.name),
            (Some(q), None) => format!("{} {}", format_for_unit(q, Unit::Piece), self.name),
            (None, _) => self.name.clone(),
        }
    }
}

/// What an item edit did, for the reply.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOutcome {
    pub name: String,
    pub quantity: Option<Quantity>,
    /// For removals: how much was asked for and not there.
    pub short: Option<Quantity>,
}

impl Kitchen {
    fn read_items(&self, items: &[ItemSpec]) -> ServiceResult<Vec<Ingredient>> {
        if items.is_empty() {
            return Err(
                ServiceError::invalid("name at least one item, like \"2 lemons\"")
                    .es("nombrá al menos una cosa, por ejemplo \"2 limones\""),
            );
        }
        items
            .iter()
            .map(|i| self.read_item_line(&i.line()))
            .collect()
    }

    /// Adds items to the pantry in one undoable change.
    pub async fn pantry_add_items(
        &self,
        h: HouseholdId,
        items: &[ItemSpec],
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<ItemOutcome>> {
        let parsed = self.read_items(items)?;
        let mut stocking = Stocking::new(self.store.pantry(h).await?, self.foods);
        let mut apply = Writes::default();
        let mut undo = Writes::default();
        let mut out = Vec::new();
        for (spec, ing) in items.iter().zip(&parsed) {
            let lot = stocking.lot(ing.name.clone(), ing, ing.quantity, spec.expires);
            if let Some((name, quantity)) = stocking.put(lot, &mut apply, &mut undo) {
                out.push(ItemOutcome {
                    name,
                    quantity: Some(quantity),
                    short: None,
                });
            }
        }
        Stocking::finish(&mut apply);
        let summary = format!("added {} to the pantry", names(&out));
        self.store
            .record_change(h, &Change::new("pantry", summary, apply, undo), now)
            .await?;
        Ok(out)
    }

    /// Takes items out of the pantry in one undoable change: an amount
    /// ("3 eggs") partially, a bare name ("eggs") entirely.
    pub async fn pantry_remove_items(
        &self,
        h: HouseholdId,
        items: &[ItemSpec],
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<ItemOutcome>> {
        let parsed = self.read_items(items)?;
        let original = self.store.pantry(h).await?;
        let mut state = original.clone();
        let mut touched: Vec<i64> = Vec::new();
        let mut out = Vec::new();
        let mut missing = Vec::new();
        for ing in &parsed {
            let key = pantry::food_key(&ing.name, self.foods);
            let lots: Vec<i64> = pantry::lots_of(&state, &ing.name, self.foods)
                .into_iter()
                .map(|i| i.id)
                .collect();
            if lots.is_empty() {
                missing.push(ing.name.clone());
                continue;
            }
            let changes: Vec<LotChange> = match ing.amount() {
                None => lots
                    .iter()
                    .map(|id| LotChange::Remove { id: *id })
                    .collect(),
                Some(amount) => {
                    let sub = pantry::subtract(&state, &ing.name, amount, self.foods);
                    out.push(ItemOutcome {
                        name: key.clone(),
                        quantity: ing.quantity,
                        short: (sub.short > 0.0)
                            .then(|| Quantity::new(sub.short, sub.unit).humanized()),
                    });
                    sub.changes
                }
            };
            if ing.amount().is_none() {
                out.push(ItemOutcome {
                    name: key,
                    quantity: None,
                    short: None,
                });
            }
            for c in &changes {
                let id = match c {
                    LotChange::Remove { id } | LotChange::SetAmount { id, .. } => *id,
                };
                if !touched.contains(&id) {
                    touched.push(id);
                }
            }
            pantry::apply(&mut state, &changes);
        }
        if !missing.is_empty() && out.is_empty() {
            return Err(ServiceError::not_found(format!(
                "there is no {} in the pantry",
                missing.join(", ")
            ))
            .es(format!("no hay {} en la despensa", missing.join(", "))));
        }
        let mut apply = Writes::default();
        let mut undo = Writes::default();
        for id in touched {
            match state.iter().find(|i| i.id == id) {
                Some(i) => apply.pantry.push(PantryWrite::SetAmount {
                    id,
                    amount: i.amount,
                }),
                None => apply.pantry.push(PantryWrite::Remove { id }),
            }
            if let Some(before) = original.iter().find(|i| i.id == id) {
                undo.pantry.push(PantryWrite::Restore(before.clone()));
            }
        }
        let summary = format!("took {} out of the pantry", names(&out));
        self.store
            .record_change(h, &Change::new("pantry", summary, apply, undo), now)
            .await?;
        Ok(out)
    }

    /// Adds items to the shopping list in one undoable change, merging into
    /// unchecked lines of the same food.
    pub async fn shopping_add_items(
        &self,
        h: HouseholdId,
        items: &[ItemSpec],
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<ItemOutcome>> {
        let parsed = self.read_items(items)?;
        let original = self.store.shopping_items(h).await?;
        let mut state = original.clone();
        let mut apply = Writes::default();
        let mut undo = Writes::default();
        let mut out = Vec::new();
        let mut temp = -1;
        for ing in &parsed {
            let key = pantry::food_key(&ing.name, self.foods);
            let food = self.foods.food_in(&key);
            let quantity = ing.quantity.map(|q| match ing.package {
                Some(p) if q.unit == Unit::Can => Quantity::new(q.upper() * p.amount, p.unit),
                _ => q,
            });
            let existing = state
                .iter_mut()
                .filter(|i| !i.checked && i.name == key)
                .find_map(|i| shopping::combine(i.quantity, quantity, food).map(|m| (i, m)));
            match existing {
                Some((item, merged)) => {
                    item.quantity = merged;
                    out.push(ItemOutcome {
                        name: key.clone(),
                        quantity: merged,
                        short: None,
                    });
                    if item.id > 0 {
                        if let Some(before) = original.iter().find(|i| i.id == item.id)
                            && !undo
                                .shopping
                                .iter()
                                .any(|w| matches!(w, ShoppingWrite::Restore(i) if i.id == item.id))
                        {
                            undo.shopping.push(ShoppingWrite::Restore(before.clone()));
                        }
                        let updated = item.clone();
                        apply.shopping.retain(
                            |w| !matches!(w, ShoppingWrite::Update(i) if i.id == updated.id),
                        );
                        apply.shopping.push(ShoppingWrite::Update(updated));
                    } else if let Some(ShoppingWrite::Insert(pending)) = apply
                        .shopping
                        .iter_mut()
                        .find(|w| matches!(w, ShoppingWrite::Insert(i) if i.id == item.id))
                    {
                        pending.quantity = merged;
                    }
                }
                None => {
                    let item = ShoppingItem {
                        id: temp,
                        name: key.clone(),
                        quantity,
                        aisle: food.map_or(Aisle::Other, |f| f.aisle),
                        source: ItemSource::Manual,
                        checked: false,
                    };
                    temp -= 1;
                    out.push(ItemOutcome {
                        name: key,
                        quantity,
                        short: None,
                    });
                    apply.shopping.push(ShoppingWrite::Insert(item.clone()));
                    state.push(item);
                }
            }
        }
        for w in &mut apply.shopping {
            if let ShoppingWrite::Insert(i) = w {
                i.id = 0;
            }
        }
        let summary = format!("added {} to the shopping list", names(&out));
        self.store
            .record_change(h, &Change::new("shopping", summary, apply, undo), now)
            .await?;
        Ok(out)
    }

    /// Checks items off the list and puts what was bought in the pantry, in
    /// one undoable change. Items not on the list go straight to the pantry.
    pub async fn check_off_items(
        &self,
        h: HouseholdId,
        items: &[ItemSpec],
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<ItemOutcome>> {
        let parsed = self.read_items(items)?;
        let list = self.store.shopping_items(h).await?;
        let mut stocking = Stocking::new(self.store.pantry(h).await?, self.foods);
        let mut apply = Writes::default();
        let mut undo = Writes::default();
        let mut out = Vec::new();
        for (ing, spec) in parsed.iter().zip(items) {
            let key = pantry::food_key(&ing.name, self.foods);
            // "bought the rotisserie chicken" checks off "rotisserie
            // chickens"; "bought eggs", "brown eggs".
            let on_list = list
                .iter()
                .find(|i| !i.checked && i.name == key)
                .or_else(|| {
                    list.iter().find(|i| {
                        !i.checked && pantry::answers_to(&i.name, &ing.name, false, self.foods)
                    })
                });
            let bought = match (on_list, ing.quantity) {
                (_, Some(q)) => Some(q),
                (Some(item), None) => item.quantity,
                (None, None) => None,
            };
            if let Some(item) = on_list {
                undo.shopping.push(ShoppingWrite::Restore(item.clone()));
                apply.shopping.push(ShoppingWrite::Update(ShoppingItem {
                    checked: true,
                    ..item.clone()
                }));
            }
            if on_list.is_none() && bought.is_none() {
                return Err(ServiceError::not_found(format!(
                    "\"{}\" is not on the shopping list: say how much you bought, like \"bought 2 {}\"",
                    ing.name, ing.name
                ))
                .es(format!("\"{}\" no está en la lista: decime cuánto compraste, por ejemplo \"compré 2 {}\"", ing.name, ing.name)));
            }
            if let Some(q) = bought {
                let lot = stocking.lot(key.clone(), ing, Some(q), spec.expires);
                stocking.put(lot, &mut apply, &mut undo);
            }
            out.push(ItemOutcome {
                name: key,
                quantity: bought,
                short: None,
            });
        }
        Stocking::finish(&mut apply);
        let summary = format!("checked off {}", names(&out));
        self.store
            .record_change(h, &Change::new("check_off", summary, apply, undo), now)
            .await?;
        Ok(out)
    }

    /// Replaces the household's preferences in one undoable change.
    pub async fn update_preferences(
        &self,
        h: HouseholdId,
        before: &Preferences,
        after: Preferences,
        now: DateTime<Utc>,
    ) -> ServiceResult<()> {
        let change = Change {
            kind: "preferences".into(),
            summary: "changed preferences".into(),
            apply: Writes {
                preferences: Some(after),
                ..Writes::default()
            },
            undo: Writes {
                preferences: Some(before.clone()),
                ..Writes::default()
            },
        };
        self.store.record_change(h, &change, now).await?;
        Ok(())
    }

    /// Stores a reminder for a chat in one undoable change.
    pub async fn add_reminder(
        &self,
        h: HouseholdId,
        reminder: Reminder,
        now: DateTime<Utc>,
    ) -> ServiceResult<()> {
        if reminder.due_at <= now {
            return Err(
                ServiceError::invalid("that time has passed: give a time in the future")
                    .es("esa hora ya pasó: decime una hora que venga"),
            );
        }
        if reminder.text.trim().is_empty() {
            return Err(ServiceError::invalid(
                "say what to remind you of, like \"defrost the chicken\"",
            )
            .es("decime qué recordarte, por ejemplo \"descongelar el pollo\""));
        }
        let change = Change {
            kind: "reminder".into(),
            summary: format!("reminder: {}", reminder.text),
            apply: Writes {
                reminders: vec![ReminderWrite::Insert(reminder)],
                ..Writes::default()
            },
            undo: Writes::default(),
        };
        self.store.record_change(h, &change, now).await?;
        Ok(())
    }
}

fn names(out: &[ItemOutcome]) -> String {
    out.iter()
        .map(|o| o.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lots going into the pantry within one change: each merges with a lot
/// already there or added earlier in the same change ("2 kg flour" and
/// "1 kg flour" make one lot), with the writes to apply and to undo.
struct Stocking {
    original: Vec<PantryItem>,
    state: Vec<PantryItem>,
    next_temp_id: i64,
    foods: &'static FoodTable,
}

impl Stocking {
    fn new(pantry: Vec<PantryItem>, foods: &'static FoodTable) -> Stocking {
        Stocking {
            original: pantry.clone(),
            state: pantry,
            next_temp_id: -1,
            foods,
        }
    }

    /// The lot an amount of an ingredient makes: one piece when no amount
    /// is said, a can or piece counted in its package's unit ("2 cans of
    /// tomatoes" as 800 g), kept where that food belongs.
    fn lot(
        &self,
        name: String,
        ing: &Ingredient,
        quantity: Option<Quantity>,
        expires: Option<NaiveDate>,
    ) -> PantryItem {
        let food = ing
            .food
            .map(|id| self.foods.get(id))
            .or_else(|| self.foods.lookup(&name));
        let (amount, unit) = match quantity {
            Some(q) => (q.upper(), q.unit),
            None => (1.0, Unit::Piece),
        };
        let (amount, unit) = match (ing.package, unit) {
            (Some(p), Unit::Can | Unit::Piece) => (amount * p.amount, p.unit),
            _ => (amount, unit),
        };
        PantryItem {
            id: 0,
            name,
            amount,
            unit,
            expires,
            location: Location::default_for(food),
        }
    }

    /// Puts a lot in; returns the name and amount of the lot it ended in.
    fn put(
        &mut self,
        item: PantryItem,
        apply: &mut Writes,
        undo: &mut Writes,
    ) -> Option<(String, Quantity)> {
        match pantry::place(&self.state, item, self.foods) {
            Placement::Merge { id, amount } => {
                if id > 0 {
                    if let Some(before) = self.original.iter().find(|i| i.id == id)
                        && !undo
                            .pantry
                            .iter()
                            .any(|w| matches!(w, PantryWrite::Restore(i) if i.id == id))
                    {
                        undo.pantry.push(PantryWrite::Restore(before.clone()));
                    }
                    apply
                        .pantry
                        .retain(|w| !matches!(w, PantryWrite::SetAmount { id: x, .. } if *x == id));
                    apply.pantry.push(PantryWrite::SetAmount { id, amount });
                } else if let Some(PantryWrite::Insert(pending)) = apply
                    .pantry
                    .iter_mut()
                    .find(|w| matches!(w, PantryWrite::Insert(i) if i.id == id))
                {
                    pending.amount = amount;
                }
                let lot = self.state.iter_mut().find(|i| i.id == id)?;
                lot.amount = amount;
                Some((lot.name.clone(), Quantity::new(amount, lot.unit)))
            }
            Placement::New(item) => {
                let lot = PantryItem {
                    id: self.next_temp_id,
                    ..item
                };
                self.next_temp_id -= 1;
                apply.pantry.push(PantryWrite::Insert(lot.clone()));
                let out = (lot.name.clone(), Quantity::new(lot.amount, lot.unit));
                self.state.push(lot);
                Some(out)
            }
        }
    }

    /// Temporary ids only chained merges within the change; the store
    /// assigns real ones.
    fn finish(apply: &mut Writes) {
        for w in &mut apply.pantry {
            if let PantryWrite::Insert(i) = w {
                i.id = 0;
            }
        }
    }
}
