//! The SQL behind [`super::Repository`], written once and compiled for each
//! backend by [`impl_repository!`]. Both databases accept `$n` parameters,
//! `RETURNING`, partial unique indexes and `ON CONFLICT`; what differs (DDL,
//! connection setup) lives in the backend modules and their migrations.

/// Implements `Repository` for a store type with a `pool` field of the
/// given sqlx database.
macro_rules! impl_repository {
    ($store:ident, $db:ty, $backend:expr) => {
        mod repository_impl {
            use super::$store;
            use crate::domain::food::Aisle;
            use crate::domain::household::{
                Household, HouseholdId, Identity, Member, MemberId, MemberPreferences,
                Preferences,
            };
            use crate::domain::pantry::{LotChange, PantryItem, Placement};
            use crate::domain::quantity::Quantity;
            use crate::domain::recipe::RecipeSpec;
            use crate::domain::shopping::{ItemSource, ShoppingItem};
            use crate::domain::text::fold_name;
            use crate::domain::units::Unit;
            use crate::store::{
                Backend, Change, ChangeRecord, ChatContext, ChatRecord, InviteError, Joined, PantryWrite, RecipesVersion,
                Reminder, ReminderWrite, Repository, ShoppingWrite, SlotWrite, StoreError, StoreResult,
                StoredRecipe, Writes,
            };
            use crate::domain::recipe::MealType;
            use crate::planner::plan::Slot;
            use chrono::{DateTime, NaiveDate, Utc};
            use sqlx::Row;

            type DbRow = <$db as sqlx::Database>::Row;

            fn corrupt(what: impl std::fmt::Display) -> StoreError {
                StoreError::Corrupt(what.to_string())
            }

            fn household_row(row: &DbRow) -> StoreResult<Household> {
                let prefs: String = row.try_get("preferences")?;
                Ok(Household {
                    id: HouseholdId(row.try_get("id")?),
                    name: row.try_get("name")?,
                    preferences: serde_json::from_str(&prefs).map_err(corrupt)?,
                })
            }

            fn member_row(row: &DbRow) -> StoreResult<Member> {
                let prefs: String = row.try_get("preferences")?;
                Ok(Member {
                    id: MemberId(row.try_get("id")?),
                    household: HouseholdId(row.try_get("household_id")?),
                    display_name: row.try_get("display_name")?,
                    preferences: serde_json::from_str(&prefs).map_err(corrupt)?,
                })
            }

            fn recipe_row(row: &DbRow) -> StoreResult<StoredRecipe> {
                let spec: String = row.try_get("spec")?;
                let household: Option<i64> = row.try_get("household_id")?;
                Ok(StoredRecipe {
                    id: row.try_get("id")?,
                    household: household.map(HouseholdId),
                    spec: serde_json::from_str(&spec).map_err(corrupt)?,
                })
            }

            fn pantry_row(row: &DbRow) -> StoreResult<PantryItem> {
                let unit: String = row.try_get("unit")?;
                let location: String = row.try_get("location")?;
                Ok(PantryItem {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    amount: row.try_get("amount")?,
                    unit: unit.parse().map_err(corrupt)?,
                    expires: row.try_get::<Option<NaiveDate>, _>("expires_on")?,
                    location: location.parse().map_err(corrupt)?,
                })
            }

            fn shopping_row(row: &DbRow) -> StoreResult<ShoppingItem> {
                let amount: Option<f64> = row.try_get("amount")?;
                let unit: Option<String> = row.try_get("unit")?;
                let quantity = match (amount, unit) {
                    (Some(a), Some(u)) => Some(Quantity::new(a, u.parse::<Unit>().map_err(corrupt)?)),
                    _ => None,
                };
                let aisle: String = row.try_get("aisle")?;
                let source: String = row.try_get("source")?;
                Ok(ShoppingItem {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    quantity,
                    aisle: aisle.parse::<Aisle>().map_err(corrupt)?,
                    source: ItemSource::parse(&source)
                        .ok_or_else(|| corrupt(format!("unknown item source {source}")))?,
                    checked: row.try_get("checked")?,
                })
            }

            fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
                serde_json::to_string(value).map_err(corrupt)
            }

            const SHOPPING_COLUMNS: &str = "id, name, amount, unit, aisle, source, checked";

            /// Stores a pantry placement with any executor (pool or transaction).
            async fn place<'e, E>(exec: E, h: HouseholdId, placement: &Placement, now: DateTime<Utc>) -> StoreResult<i64>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                match placement {
                    Placement::Merge { id, amount } => {
                        let done = sqlx::query(
                            "UPDATE pantry_items SET amount = $3 WHERE id = $2 AND household_id = $1",
                        )
                        .bind(h.0)
                        .bind(*id)
                        .bind(*amount)
                        .execute(exec)
                        .await?;
                        if done.rows_affected() == 0 {
                            return Err(StoreError::Conflict(
                                "that pantry item is gone: list the pantry and try again".into(),
                            ));
                        }
                        Ok(*id)
                    }
                    Placement::New(item) => {
                        let row = sqlx::query(
                            "INSERT INTO pantry_items (household_id, name, amount, unit, expires_on, location, created_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                        )
                        .bind(h.0)
                        .bind(&item.name)
                        .bind(item.amount)
                        .bind(item.unit.symbol())
                        .bind(item.expires)
                        .bind(item.location.name())
                        .bind(now)
                        .fetch_one(exec)
                        .await?;
                        Ok(row.try_get("id")?)
                    }
                }
            }

            fn slot_row(row: &DbRow) -> StoreResult<Slot> {
                let meal: String = row.try_get("meal")?;
                let people: i32 = row.try_get("people")?;
                Ok(Slot {
                    date: row.try_get("date")?,
                    meal: meal.parse::<MealType>().map_err(corrupt)?,
                    recipe: row.try_get("recipe")?,
                    people: u32::try_from(people).map_err(corrupt)?,
                    servings: row.try_get("servings")?,
                    cooked: row.try_get("cooked")?,
                    leftover_of: row.try_get("leftover_of")?,
                })
            }

            async fn insert_shopping<'e, E>(exec: E, h: HouseholdId, item: &ShoppingItem, now: DateTime<Utc>) -> StoreResult<i64>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                let row = sqlx::query(
                    "INSERT INTO shopping_items (household_id, name, amount, unit, aisle, source, checked, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(h.0)
                .bind(&item.name)
                .bind(item.quantity.map(|q| q.upper()))
                .bind(item.quantity.map(|q| q.unit.symbol()))
                .bind(item.aisle.name())
                .bind(item.source.name())
                .bind(item.checked)
                .bind(now)
                .fetch_one(exec)
                .await?;
                Ok(row.try_get("id")?)
            }

            async fn update_shopping<'e, E>(exec: E, h: HouseholdId, item: &ShoppingItem) -> StoreResult<bool>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                let done = sqlx::query(
                    "UPDATE shopping_items SET name = $3, amount = $4, unit = $5, aisle = $6, checked = $7 \
                     WHERE id = $2 AND household_id = $1",
                )
                .bind(h.0)
                .bind(item.id)
                .bind(&item.name)
                .bind(item.quantity.map(|q| q.upper()))
                .bind(item.quantity.map(|q| q.unit.symbol()))
                .bind(item.aisle.name())
                .bind(item.checked)
                .execute(exec)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            /// Writes a change inside a transaction; returns the writes that
            /// undo what it inserted (ids are only known now).
            async fn write(
                tx: &mut sqlx::Transaction<'_, $db>,
                h: HouseholdId,
                writes: &Writes,
                now: DateTime<Utc>,
            ) -> StoreResult<Writes> {
                for SlotWrite { date, meal, slot } in &writes.slots {
                    match slot {
                        None => {
                            sqlx::query("DELETE FROM plan_slots WHERE household_id = $1 AND date = $2 AND meal = $3")
                                .bind(h.0)
                                .bind(*date)
                                .bind(meal.name())
                                .execute(&mut **tx)
                                .await?;
                        }
                        Some(s) => {
                            sqlx::query(
                                "INSERT INTO plan_slots (household_id, date, meal, recipe, people, servings, cooked, leftover_of) \
                                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                                 ON CONFLICT (household_id, date, meal) DO UPDATE SET recipe = excluded.recipe, \
                                 people = excluded.people, servings = excluded.servings, cooked = excluded.cooked, \
                                 leftover_of = excluded.leftover_of",
                            )
                            .bind(h.0)
                            .bind(*date)
                            .bind(meal.name())
                            .bind(s.recipe.as_deref())
                            .bind(i32::try_from(s.people).unwrap_or(i32::MAX))
                            .bind(s.servings)
                            .bind(s.cooked)
                            .bind(s.leftover_of)
                            .execute(&mut **tx)
                            .await?;
                        }
                    }
                }
                let mut undo_inserts = Writes::default();
                for w in &writes.pantry {
                    match w {
                        PantryWrite::SetAmount { id, amount } => {
                            place(&mut **tx, h, &Placement::Merge { id: *id, amount: *amount }, now).await?;
                        }
                        PantryWrite::Remove { id } => {
                            sqlx::query("DELETE FROM pantry_items WHERE id = $2 AND household_id = $1")
                                .bind(h.0)
                                .bind(*id)
                                .execute(&mut **tx)
                                .await?;
                        }
                        PantryWrite::Insert(item) => {
                            let id = place(&mut **tx, h, &Placement::New(item.clone()), now).await?;
                            undo_inserts.pantry.push(PantryWrite::Remove { id });
                        }
                        PantryWrite::Restore(item) => {
                            let done = sqlx::query(
                                "UPDATE pantry_items SET name = $3, amount = $4, unit = $5, expires_on = $6, location = $7 \
                                 WHERE id = $2 AND household_id = $1",
                            )
                            .bind(h.0)
                            .bind(item.id)
                            .bind(&item.name)
                            .bind(item.amount)
                            .bind(item.unit.symbol())
                            .bind(item.expires)
                            .bind(item.location.name())
                            .execute(&mut **tx)
                            .await?;
                            if done.rows_affected() == 0 {
                                place(&mut **tx, h, &Placement::New(item.clone()), now).await?;
                            }
                        }
                    }
                }
                for w in &writes.shopping {
                    match w {
                        ShoppingWrite::Insert(item) => {
                            let id = insert_shopping(&mut **tx, h, item, now).await?;
                            undo_inserts.shopping.push(ShoppingWrite::Delete { id });
                        }
                        ShoppingWrite::Update(item) => {
                            update_shopping(&mut **tx, h, item).await?;
                        }
                        ShoppingWrite::Delete { id } => {
                            sqlx::query("DELETE FROM shopping_items WHERE id = $2 AND household_id = $1")
                                .bind(h.0)
                                .bind(*id)
                                .execute(&mut **tx)
                                .await?;
                        }
                        ShoppingWrite::Restore(item) => {
                            if !update_shopping(&mut **tx, h, item).await? {
                                insert_shopping(&mut **tx, h, item, now).await?;
                            }
                        }
                    }
                }
                for w in &writes.reminders {
                    match w {
                        ReminderWrite::Insert(r) => {
                            let row = sqlx::query(
                                "INSERT INTO reminders (household_id, channel, chat_id, text, due_at, created_at) \
                                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                            )
                            .bind(h.0)
                            .bind(&r.channel)
                            .bind(&r.chat_id)
                            .bind(&r.text)
                            .bind(r.due_at)
                            .bind(now)
                            .fetch_one(&mut **tx)
                            .await?;
                            undo_inserts.reminders.push(ReminderWrite::Delete { id: row.try_get("id")? });
                        }
                        ReminderWrite::Delete { id } => {
                            sqlx::query("DELETE FROM reminders WHERE id = $2 AND household_id = $1")
                                .bind(h.0)
                                .bind(*id)
                                .execute(&mut **tx)
                                .await?;
                        }
                    }
                }
                if let Some(prefs) = &writes.preferences {
                    sqlx::query("UPDATE households SET preferences = $2 WHERE id = $1")
                        .bind(h.0)
                        .bind(to_json(prefs)?)
                        .execute(&mut **tx)
                        .await?;
                }
                Ok(undo_inserts)
            }

            #[async_trait::async_trait]
            impl Repository for $store {
                fn backend(&self) -> Backend {
                    $backend
                }

                async fn ping(&self) -> StoreResult<()> {
                    sqlx::query("SELECT 1").execute(&self.pool).await?;
                    Ok(())
                }

                #[tracing::instrument(skip_all)]
                async fn create_household(&self, name: &str, prefs: &Preferences, now: DateTime<Utc>) -> StoreResult<Household> {
                    let name = name.trim();
                    let result = sqlx::query(
                        "INSERT INTO households (name, name_key, preferences, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                    )
                    .bind(name)
                    .bind(fold_name(name))
                    .bind(to_json(prefs)?)
                    .bind(now)
                    .fetch_one(self.writer())
                    .await;
                    match result {
                        Ok(row) => Ok(Household {
                            id: HouseholdId(row.try_get("id")?),
                            name: name.to_string(),
                            preferences: prefs.clone(),
                        }),
                        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(StoreError::Conflict(
                            format!("a household named \"{name}\" already exists: pick another name"),
                        )),
                        Err(e) => Err(e.into()),
                    }
                }

                async fn household(&self, id: HouseholdId) -> StoreResult<Option<Household>> {
                    let row = sqlx::query("SELECT id, name, preferences FROM households WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.as_ref().map(household_row).transpose()
                }

                async fn household_by_name(&self, name: &str) -> StoreResult<Option<Household>> {
                    let row = sqlx::query("SELECT id, name, preferences FROM households WHERE name_key = $1")
                        .bind(fold_name(name))
                        .fetch_optional(&self.pool)
                        .await?;
                    row.as_ref().map(household_row).transpose()
                }

                async fn set_preferences(&self, h: HouseholdId, prefs: &Preferences) -> StoreResult<()> {
                    sqlx::query("UPDATE households SET preferences = $2 WHERE id = $1")
                        .bind(h.0)
                        .bind(to_json(prefs)?)
                        .execute(self.writer())
                        .await?;
                    Ok(())
                }

                async fn add_member(&self, h: HouseholdId, display_name: &str, now: DateTime<Utc>) -> StoreResult<Member> {
                    let prefs = MemberPreferences::default();
                    let row = sqlx::query(
                        "INSERT INTO members (household_id, display_name, preferences, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                    )
                    .bind(h.0)
                    .bind(display_name.trim())
                    .bind(to_json(&prefs)?)
                    .bind(now)
                    .fetch_one(self.writer())
                    .await?;
                    Ok(Member {
                        id: MemberId(row.try_get("id")?),
                        household: h,
                        display_name: display_name.trim().to_string(),
                        preferences: prefs,
                    })
                }

                async fn members(&self, h: HouseholdId) -> StoreResult<Vec<Member>> {
                    let rows = sqlx::query(
                        "SELECT id, household_id, display_name, preferences FROM members WHERE household_id = $1 ORDER BY id",
                    )
                    .bind(h.0)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter().map(member_row).collect()
                }

                async fn set_member_preferences(&self, h: HouseholdId, m: MemberId, prefs: &MemberPreferences) -> StoreResult<bool> {
                    let done = sqlx::query("UPDATE members SET preferences = $3 WHERE id = $2 AND household_id = $1")
                        .bind(h.0)
                        .bind(m.0)
                        .bind(to_json(prefs)?)
                        .execute(self.writer())
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                #[tracing::instrument(skip_all, fields(channel = %identity.channel))]
                async fn link_identity(&self, h: HouseholdId, m: MemberId, identity: &Identity, now: DateTime<Utc>) -> StoreResult<()> {
                    // The member must belong to the household: checked in the same statement.
                    let result = sqlx::query(
                        "INSERT INTO identities (household_id, member_id, channel, platform_user_id, created_at) \
                         SELECT household_id, id, $3, $4, $5 FROM members WHERE id = $2 AND household_id = $1",
                    )
                    .bind(h.0)
                    .bind(m.0)
                    .bind(&identity.channel)
                    .bind(&identity.platform_user_id)
                    .bind(now)
                    .execute(self.writer())
                    .await;
                    match result {
                        Ok(done) if done.rows_affected() == 0 => Err(StoreError::Conflict(
                            "no such member in this household".into(),
                        )),
                        Ok(_) => Ok(()),
                        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(StoreError::Conflict(
                            format!("this {} account is already linked to a household", identity.channel),
                        )),
                        Err(e) => Err(e.into()),
                    }
                }

                async fn unlink_identity(&self, h: HouseholdId, identity: &Identity) -> StoreResult<bool> {
                    let done = sqlx::query(
                        "DELETE FROM identities WHERE household_id = $1 AND channel = $2 AND platform_user_id = $3",
                    )
                    .bind(h.0)
                    .bind(&identity.channel)
                    .bind(&identity.platform_user_id)
                    .execute(self.writer())
                    .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn identities(&self, h: HouseholdId, m: MemberId) -> StoreResult<Vec<Identity>> {
                    let rows = sqlx::query(
                        "SELECT channel, platform_user_id FROM identities WHERE household_id = $1 AND member_id = $2 ORDER BY id",
                    )
                    .bind(h.0)
                    .bind(m.0)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|r| {
                            Ok(Identity {
                                channel: r.try_get("channel")?,
                                platform_user_id: r.try_get("platform_user_id")?,
                            })
                        })
                        .collect()
                }

                async fn resolve_identity(&self, identity: &Identity) -> StoreResult<Option<(HouseholdId, MemberId)>> {
                    let row = sqlx::query(
                        "SELECT household_id, member_id FROM identities WHERE channel = $1 AND platform_user_id = $2",
                    )
                    .bind(&identity.channel)
                    .bind(&identity.platform_user_id)
                    .fetch_optional(&self.pool)
                    .await?;
                    match row {
                        Some(r) => Ok(Some((
                            HouseholdId(r.try_get("household_id")?),
                            MemberId(r.try_get("member_id")?),
                        ))),
                        None => Ok(None),
                    }
                }

                async fn create_invite(&self, h: HouseholdId, by: Option<MemberId>, code: &str, now: DateTime<Utc>, expires: DateTime<Utc>) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO invites (code, household_id, created_by, created_at, expires_at) \
                         SELECT $2, $1, (SELECT id FROM members WHERE id = $3 AND household_id = $1), $4, $5",
                    )
                    .bind(h.0)
                    .bind(code)
                    .bind(by.map(|m| m.0))
                    .bind(now)
                    .bind(expires)
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn create_link_code(&self, h: HouseholdId, m: MemberId, code: &str, now: DateTime<Utc>, expires: DateTime<Utc>) -> StoreResult<()> {
                    let done = sqlx::query(
                        "INSERT INTO invites (code, household_id, created_by, link_member, created_at, expires_at) \
                         SELECT $2, $1, id, id, $4, $5 FROM members WHERE id = $3 AND household_id = $1",
                    )
                    .bind(h.0)
                    .bind(code)
                    .bind(m.0)
                    .bind(now)
                    .bind(expires)
                    .execute(self.writer())
                    .await?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::Conflict("no such member in this household".into()));
                    }
                    Ok(())
                }

                #[tracing::instrument(skip_all)]
                async fn redeem_invite(&self, code: &str, display_name: &str, identity: &Identity, now: DateTime<Utc>) -> StoreResult<Result<Joined, InviteError>> {
                    let mut tx = self.writer().begin().await?;
                    let claimed = sqlx::query(
                        "UPDATE invites SET used_at = $2 WHERE code = $1 AND used_at IS NULL AND expires_at > $2 RETURNING household_id, link_member",
                    )
                    .bind(code)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(claimed) = claimed else {
                        let row = sqlx::query("SELECT used_at IS NOT NULL AS used FROM invites WHERE code = $1")
                            .bind(code)
                            .fetch_optional(&mut *tx)
                            .await?;
                        return Ok(Err(match row {
                            None => InviteError::Unknown,
                            Some(r) if r.try_get::<bool, _>("used")? => InviteError::Used,
                            Some(_) => InviteError::Expired,
                        }));
                    };
                    let household = HouseholdId(claimed.try_get("household_id")?);
                    let linked = sqlx::query("SELECT 1 AS one FROM identities WHERE channel = $1 AND platform_user_id = $2")
                        .bind(&identity.channel)
                        .bind(&identity.platform_user_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if linked.is_some() {
                        return Ok(Err(InviteError::AlreadyLinked));
                    }
                    let link: Option<i64> = claimed.try_get("link_member")?;
                    let member = match link {
                        // A link code: the same person, another account.
                        Some(m) => MemberId(m),
                        None => {
                            let row = sqlx::query(
                                "INSERT INTO members (household_id, display_name, preferences, created_at) VALUES ($1, $2, '{}', $3) RETURNING id",
                            )
                            .bind(household.0)
                            .bind(display_name.trim())
                            .bind(now)
                            .fetch_one(&mut *tx)
                            .await?;
                            MemberId(row.try_get("id")?)
                        }
                    };
                    sqlx::query(
                        "INSERT INTO identities (household_id, member_id, channel, platform_user_id, created_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(household.0)
                    .bind(member.0)
                    .bind(&identity.channel)
                    .bind(&identity.platform_user_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("UPDATE invites SET used_by = $2 WHERE code = $1")
                        .bind(code)
                        .bind(member.0)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(Ok(Joined { household, member }))
                }

                #[tracing::instrument(skip_all, fields(version, recipes = specs.len()))]
                async fn seed_catalog(&self, version: &str, specs: &[RecipeSpec], now: DateTime<Utc>) -> StoreResult<bool> {
                    let mut tx = self.writer().begin().await?;
                    let current = sqlx::query("SELECT value FROM meta WHERE key = 'seed_catalog'")
                        .fetch_optional(&mut *tx)
                        .await?;
                    if let Some(row) = current {
                        if row.try_get::<String, _>("value")? == version {
                            return Ok(false);
                        }
                    }
                    for spec in specs {
                        sqlx::query(
                            "INSERT INTO recipes (household_id, slug, title, spec, created_at) VALUES (NULL, $1, $2, $3, $4) \
                             ON CONFLICT (slug) WHERE household_id IS NULL DO UPDATE SET title = excluded.title, spec = excluded.spec",
                        )
                        .bind(&spec.id)
                        .bind(&spec.title)
                        .bind(to_json(spec)?)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    }
                    sqlx::query(
                        "INSERT INTO meta (key, value) VALUES ('seed_catalog', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    )
                    .bind(version)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn recipes(&self, h: HouseholdId) -> StoreResult<Vec<StoredRecipe>> {
                    let rows = sqlx::query(
                        "SELECT id, household_id, spec FROM recipes WHERE household_id = $1 OR household_id IS NULL ORDER BY slug, id",
                    )
                    .bind(h.0)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter().map(recipe_row).collect()
                }

                async fn recipe(&self, h: HouseholdId, slug: &str) -> StoreResult<Option<StoredRecipe>> {
                    let row = sqlx::query(
                        "SELECT id, household_id, spec FROM recipes WHERE slug = $2 AND (household_id = $1 OR household_id IS NULL) \
                         ORDER BY household_id IS NULL LIMIT 1",
                    )
                    .bind(h.0)
                    .bind(slug)
                    .fetch_optional(&self.pool)
                    .await?;
                    row.as_ref().map(recipe_row).transpose()
                }

                async fn save_recipe(&self, h: HouseholdId, spec: &RecipeSpec, now: DateTime<Utc>) -> StoreResult<StoredRecipe> {
                    // Replace rather than update, so the row id (and the
                    // catalog version caches compare) changes.
                    let mut tx = self.writer().begin().await?;
                    sqlx::query("DELETE FROM recipes WHERE household_id = $1 AND slug = $2")
                        .bind(h.0)
                        .bind(&spec.id)
                        .execute(&mut *tx)
                        .await?;
                    let row = sqlx::query(
                        "INSERT INTO recipes (household_id, slug, title, spec, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    )
                    .bind(h.0)
                    .bind(&spec.id)
                    .bind(&spec.title)
                    .bind(to_json(spec)?)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(StoredRecipe {
                        id: row.try_get("id")?,
                        household: Some(h),
                        spec: spec.clone(),
                    })
                }

                async fn delete_recipe(&self, h: HouseholdId, slug: &str) -> StoreResult<bool> {
                    let done = sqlx::query("DELETE FROM recipes WHERE household_id = $1 AND slug = $2")
                        .bind(h.0)
                        .bind(slug)
                        .execute(self.writer())
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn pantry(&self, h: HouseholdId) -> StoreResult<Vec<PantryItem>> {
                    let rows = sqlx::query(
                        "SELECT id, name, amount, unit, expires_on, location FROM pantry_items WHERE household_id = $1 ORDER BY name, id",
                    )
                    .bind(h.0)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter().map(pantry_row).collect()
                }

                async fn place_pantry_item(&self, h: HouseholdId, placement: &Placement, now: DateTime<Utc>) -> StoreResult<i64> {
                    place(self.writer(), h, placement, now).await
                }

                async fn apply_pantry_changes(&self, h: HouseholdId, changes: &[LotChange]) -> StoreResult<()> {
                    let mut tx = self.writer().begin().await?;
                    for change in changes {
                        match change {
                            LotChange::Remove { id } => {
                                sqlx::query("DELETE FROM pantry_items WHERE id = $2 AND household_id = $1")
                                    .bind(h.0)
                                    .bind(*id)
                                    .execute(&mut *tx)
                                    .await?;
                            }
                            LotChange::SetAmount { id, amount } => {
                                sqlx::query("UPDATE pantry_items SET amount = $3 WHERE id = $2 AND household_id = $1")
                                    .bind(h.0)
                                    .bind(*id)
                                    .bind(*amount)
                                    .execute(&mut *tx)
                                    .await?;
                            }
                        }
                    }
                    tx.commit().await?;
                    Ok(())
                }

                async fn shopping_items(&self, h: HouseholdId) -> StoreResult<Vec<ShoppingItem>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {SHOPPING_COLUMNS} FROM shopping_items WHERE household_id = $1 ORDER BY id"
                    ))
                    .bind(h.0)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter().map(shopping_row).collect()
                }

                async fn insert_shopping_item(&self, h: HouseholdId, item: &ShoppingItem, now: DateTime<Utc>) -> StoreResult<ShoppingItem> {
                    let id = insert_shopping(self.writer(), h, item, now).await?;
                    Ok(ShoppingItem { id, ..item.clone() })
                }

                async fn update_shopping_item(&self, h: HouseholdId, item: &ShoppingItem) -> StoreResult<bool> {
                    update_shopping(self.writer(), h, item).await
                }

                async fn delete_shopping_item(&self, h: HouseholdId, id: i64) -> StoreResult<bool> {
                    let done = sqlx::query("DELETE FROM shopping_items WHERE id = $2 AND household_id = $1")
                        .bind(h.0)
                        .bind(id)
                        .execute(self.writer())
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                #[tracing::instrument(skip_all, fields(id))]
                async fn check_off(&self, h: HouseholdId, id: i64, into_pantry: Option<&Placement>, now: DateTime<Utc>) -> StoreResult<Option<ShoppingItem>> {
                    let mut tx = self.writer().begin().await?;
                    let row = sqlx::query(&format!(
                        "UPDATE shopping_items SET checked = $3, checked_at = $4 \
                         WHERE id = $2 AND household_id = $1 AND checked = $5 RETURNING {SHOPPING_COLUMNS}"
                    ))
                    .bind(h.0)
                    .bind(id)
                    .bind(true)
                    .bind(now)
                    .bind(false)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(row) = row else {
                        return Ok(None);
                    };
                    let item = shopping_row(&row)?;
                    if let Some(placement) = into_pantry {
                        place(&mut *tx, h, placement, now).await?;
                    }
                    tx.commit().await?;
                    Ok(Some(item))
                }

                async fn plan_slots(&self, h: HouseholdId, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<Slot>> {
                    let rows = sqlx::query(
                        "SELECT date, meal, recipe, people, servings, cooked, leftover_of FROM plan_slots \
                         WHERE household_id = $1 AND date >= $2 AND date <= $3 ORDER BY date",
                    )
                    .bind(h.0)
                    .bind(from)
                    .bind(to)
                    .fetch_all(&self.pool)
                    .await?;
                    let mut slots = rows.iter().map(slot_row).collect::<StoreResult<Vec<Slot>>>()?;
                    slots.sort_by_key(|s| (s.date, s.meal));
                    Ok(slots)
                }

                #[tracing::instrument(skip_all, fields(kind = %change.kind))]
                async fn record_change(&self, h: HouseholdId, change: &Change, now: DateTime<Utc>) -> StoreResult<i64> {
                    let mut tx = self.writer().begin().await?;
                    let inserted = write(&mut tx, h, &change.apply, now).await?;
                    let mut undo = change.undo.clone();
                    undo.pantry.extend(inserted.pantry);
                    undo.shopping.extend(inserted.shopping);
                    undo.reminders.extend(inserted.reminders);
                    let row = sqlx::query(
                        "INSERT INTO changes (household_id, kind, summary, undo, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    )
                    .bind(h.0)
                    .bind(&change.kind)
                    .bind(&change.summary)
                    .bind(to_json(&undo)?)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(row.try_get("id")?)
                }

                #[tracing::instrument(skip_all)]
                async fn undo_last(&self, h: HouseholdId, now: DateTime<Utc>) -> StoreResult<Option<ChangeRecord>> {
                    let mut tx = self.writer().begin().await?;
                    let row = sqlx::query(
                        "UPDATE changes SET undone_at = $2 WHERE id = \
                         (SELECT MAX(id) FROM changes WHERE household_id = $1 AND undone_at IS NULL) \
                         AND household_id = $1 AND undone_at IS NULL RETURNING id, kind, summary, undo",
                    )
                    .bind(h.0)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(row) = row else {
                        return Ok(None);
                    };
                    let undo: String = row.try_get("undo")?;
                    let undo: Writes = serde_json::from_str(&undo).map_err(corrupt)?;
                    write(&mut tx, h, &undo, now).await?;
                    tx.commit().await?;
                    Ok(Some(ChangeRecord {
                        id: row.try_get("id")?,
                        kind: row.try_get("kind")?,
                        summary: row.try_get("summary")?,
                    }))
                }

                async fn recipes_version(&self, h: HouseholdId) -> StoreResult<RecipesVersion> {
                    let row = sqlx::query(
                        "SELECT \
                         (SELECT COUNT(*) FROM recipes WHERE household_id IS NULL) AS shared_n, \
                         (SELECT COALESCE(MAX(id), 0) FROM recipes WHERE household_id IS NULL) AS shared_top, \
                         (SELECT COUNT(*) FROM recipes WHERE household_id = $1) AS own_n, \
                         (SELECT COALESCE(MAX(id), 0) FROM recipes WHERE household_id = $1) AS own_top",
                    )
                    .bind(h.0)
                    .fetch_one(&self.pool)
                    .await?;
                    Ok(RecipesVersion {
                        shared: (row.try_get("shared_n")?, row.try_get("shared_top")?),
                        own: (row.try_get("own_n")?, row.try_get("own_top")?),
                    })
                }

                async fn chat_context(&self, channel: &str, chat_id: &str, platform_user_id: &str) -> StoreResult<Option<ChatContext>> {
                    let row = sqlx::query(
                        "SELECT c.household_id, c.state, h.name, h.preferences, i.household_id AS sender_household, i.member_id AS sender_member \
                         FROM chats c JOIN households h ON h.id = c.household_id \
                         LEFT JOIN identities i ON i.channel = $1 AND i.platform_user_id = $3 \
                         WHERE c.channel = $1 AND c.chat_id = $2",
                    )
                    .bind(channel)
                    .bind(chat_id)
                    .bind(platform_user_id)
                    .fetch_optional(&self.pool)
                    .await?;
                    let Some(r) = row else {
                        return Ok(None);
                    };
                    let prefs: String = r.try_get("preferences")?;
                    let sh: Option<i64> = r.try_get("sender_household")?;
                    let sm: Option<i64> = r.try_get("sender_member")?;
                    Ok(Some(ChatContext {
                        household: Household {
                            id: HouseholdId(r.try_get("household_id")?),
                            name: r.try_get("name")?,
                            preferences: serde_json::from_str(&prefs).map_err(corrupt)?,
                        },
                        state: r.try_get("state")?,
                        sender: sh.zip(sm).map(|(h, m)| (HouseholdId(h), MemberId(m))),
                    }))
                }

                async fn finish_turn(
                    &self,
                    h: HouseholdId,
                    channel: &str,
                    chat_id: &str,
                    inbound: Option<&str>,
                    replies: &[String],
                    delivered: bool,
                    state: Option<&str>,
                    now: DateTime<Utc>,
                ) -> StoreResult<()> {
                    // One statement for the messages (atomic on its own), one for the state.
                    let rows: Vec<(&str, &str, Option<DateTime<Utc>>)> = inbound
                        .map(|b| ("in", b, None))
                        .into_iter()
                        .chain(replies.iter().map(|b| ("out", b.as_str(), delivered.then_some(now))))
                        .collect();
                    if !rows.is_empty() {
                        let mut sql = String::from(
                            "INSERT INTO messages (household_id, channel, chat_id, direction, body, created_at, delivered_at) VALUES ",
                        );
                        for k in 0..rows.len() {
                            let b = 5 + k * 3;
                            if k > 0 {
                                sql.push_str(", ");
                            }
                            sql.push_str(&format!("($1, $2, $3, ${}, ${}, $4, ${})", b, b + 1, b + 2));
                        }
                        let mut q = sqlx::query(&sql).bind(h.0).bind(channel).bind(chat_id).bind(now);
                        for (direction, body, delivered_at) in &rows {
                            q = q.bind(*direction).bind(*body).bind(*delivered_at);
                        }
                        q.execute(self.writer()).await?;
                    }
                    if let Some(state) = state {
                        sqlx::query("UPDATE chats SET state = $4, updated_at = $5 WHERE channel = $2 AND chat_id = $3 AND household_id = $1")
                            .bind(h.0)
                            .bind(channel)
                            .bind(chat_id)
                            .bind(state)
                            .bind(now)
                            .execute(self.writer())
                            .await?;
                    }
                    Ok(())
                }

                async fn chat(&self, channel: &str, chat_id: &str) -> StoreResult<Option<ChatRecord>> {
                    let row = sqlx::query("SELECT household_id, state FROM chats WHERE channel = $1 AND chat_id = $2")
                        .bind(channel)
                        .bind(chat_id)
                        .fetch_optional(&self.pool)
                        .await?;
                    match row {
                        Some(r) => Ok(Some(ChatRecord {
                            household: HouseholdId(r.try_get("household_id")?),
                            state: r.try_get("state")?,
                        })),
                        None => Ok(None),
                    }
                }

                async fn bind_chat(&self, channel: &str, chat_id: &str, h: HouseholdId, now: DateTime<Utc>) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO chats (channel, chat_id, household_id, state, updated_at) VALUES ($1, $2, $3, '{}', $4) \
                         ON CONFLICT (channel, chat_id) DO UPDATE SET household_id = excluded.household_id, \
                         state = CASE WHEN chats.household_id = excluded.household_id THEN chats.state ELSE '{}' END, \
                         updated_at = excluded.updated_at",
                    )
                    .bind(channel)
                    .bind(chat_id)
                    .bind(h.0)
                    .bind(now)
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn save_chat_state(&self, h: HouseholdId, channel: &str, chat_id: &str, state: &str, now: DateTime<Utc>) -> StoreResult<()> {
                    sqlx::query(
                        "UPDATE chats SET state = $4, updated_at = $5 WHERE channel = $2 AND chat_id = $3 AND household_id = $1",
                    )
                    .bind(h.0)
                    .bind(channel)
                    .bind(chat_id)
                    .bind(state)
                    .bind(now)
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn record_inbound(&self, h: Option<HouseholdId>, channel: &str, chat_id: &str, platform_id: Option<&str>, body: &str, now: DateTime<Utc>) -> StoreResult<Option<i64>> {
                    let row = sqlx::query(
                        "INSERT INTO messages (household_id, channel, chat_id, direction, platform_message_id, body, created_at) \
                         VALUES ($1, $2, $3, 'in', $4, $5, $6) \
                         ON CONFLICT (channel, chat_id, platform_message_id) WHERE direction = 'in' AND platform_message_id IS NOT NULL \
                         DO NOTHING RETURNING id",
                    )
                    .bind(h.map(|h| h.0))
                    .bind(channel)
                    .bind(chat_id)
                    .bind(platform_id)
                    .bind(body)
                    .bind(now)
                    .fetch_optional(self.writer())
                    .await?;
                    row.map(|r| r.try_get("id")).transpose().map_err(Into::into)
                }

                async fn record_outbound(&self, h: Option<HouseholdId>, channel: &str, chat_id: &str, body: &str, now: DateTime<Utc>) -> StoreResult<i64> {
                    let row = sqlx::query(
                        "INSERT INTO messages (household_id, channel, chat_id, direction, body, created_at) \
                         VALUES ($1, $2, $3, 'out', $4, $5) RETURNING id",
                    )
                    .bind(h.map(|h| h.0))
                    .bind(channel)
                    .bind(chat_id)
                    .bind(body)
                    .bind(now)
                    .fetch_one(self.writer())
                    .await?;
                    Ok(row.try_get("id")?)
                }

                async fn mark_delivered(&self, message: i64, platform_id: Option<&str>, now: DateTime<Utc>) -> StoreResult<()> {
                    sqlx::query(
                        "UPDATE messages SET delivered_at = $2, platform_message_id = COALESCE($3, platform_message_id) WHERE id = $1",
                    )
                    .bind(message)
                    .bind(now)
                    .bind(platform_id)
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn pending_reminders(&self, h: HouseholdId) -> StoreResult<Vec<Reminder>> {
                    let rows = sqlx::query(
                        "SELECT id, channel, chat_id, text, due_at FROM reminders WHERE household_id = $1 AND sent_at IS NULL ORDER BY due_at",
                    )
                    .bind(h.0)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|r| {
                            Ok(Reminder {
                                id: r.try_get("id")?,
                                channel: r.try_get("channel")?,
                                chat_id: r.try_get("chat_id")?,
                                text: r.try_get("text")?,
                                due_at: r.try_get("due_at")?,
                            })
                        })
                        .collect()
                }

                async fn add_llm_usage(&self, h: HouseholdId, month: &str, input: u64, output: u64) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO llm_usage (household_id, month, input_tokens, output_tokens) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (household_id, month) DO UPDATE SET input_tokens = llm_usage.input_tokens + excluded.input_tokens, \
                         output_tokens = llm_usage.output_tokens + excluded.output_tokens",
                    )
                    .bind(h.0)
                    .bind(month)
                    .bind(i64::try_from(input).unwrap_or(i64::MAX))
                    .bind(i64::try_from(output).unwrap_or(i64::MAX))
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn llm_usage(&self, h: HouseholdId, month: &str) -> StoreResult<u64> {
                    let row = sqlx::query(
                        "SELECT input_tokens + output_tokens AS total FROM llm_usage WHERE household_id = $1 AND month = $2",
                    )
                    .bind(h.0)
                    .bind(month)
                    .fetch_optional(&self.pool)
                    .await?;
                    let total: i64 = match row {
                        Some(r) => r.try_get("total")?,
                        None => 0,
                    };
                    Ok(u64::try_from(total).unwrap_or(0))
                }

                async fn clear_checked(&self, h: HouseholdId) -> StoreResult<u64> {
                    let done = sqlx::query("DELETE FROM shopping_items WHERE household_id = $1 AND checked = $2")
                        .bind(h.0)
                        .bind(true)
                        .execute(self.writer())
                        .await?;
                    Ok(done.rows_affected())
                }
            }
        }
    };
}

pub(crate) use impl_repository;
