//! The store: one [`Repository`] trait, two implementations generated from
//! the same SQL ([`sqlite`] embedded by default, [`postgres`] for shared
//! deployments), migrations per backend applied at start.
//!
//! Architecture invariant: every method that reads or writes household data
//! takes the caller's [`HouseholdId`] and every query filters by it, so an
//! id from another household finds nothing and changes nothing.

pub mod postgres;
mod sql;
pub mod sqlite;

use crate::config::DatabaseConfig;
use crate::domain::household::{
    Household, HouseholdId, Identity, Member, MemberId, MemberPreferences, Preferences,
};
use crate::domain::pantry::{LotChange, PantryItem, Placement};
use crate::domain::recipe::{MealType, RecipeSpec};
use crate::domain::shopping::ShoppingItem;
use crate::planner::plan::Slot;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Store failures.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Conflict(String),
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
}

/// Why an invite code could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InviteError {
    #[error("that invite code does not exist: check it with whoever sent it")]
    Unknown,
    #[error("that invite code has expired: ask for a new one")]
    Expired,
    #[error("that invite code was already used: ask for a new one")]
    Used,
    #[error("this account is already part of a household: leave it first")]
    AlreadyLinked,
}

/// A recipe as stored. `household` is `None` for the shared seed catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecipe {
    pub id: i64,
    pub household: Option<HouseholdId>,
    pub spec: RecipeSpec,
}

/// What redeeming an invite produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    pub household: HouseholdId,
    pub member: MemberId,
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Counts and highest ids of the shared catalog and of a household's own
/// recipes: equal versions mean equal catalogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecipesVersion {
    pub shared: (i64, i64),
    pub own: (i64, i64),
}

/// A write to one calendar slot: the slot, or `None` to clear it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotWrite {
    pub date: NaiveDate,
    pub meal: MealType,
    pub slot: Option<Slot>,
}

/// A write to the pantry as part of a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PantryWrite {
    SetAmount {
        id: i64,
        amount: f64,
    },
    Remove {
        id: i64,
    },
    /// Adds a new lot; its undo (removing it) is recorded automatically.
    Insert(PantryItem),
    /// Puts a lot back as it was: updates it by id, or re-adds it when gone.
    Restore(PantryItem),
}

/// A write to the shopping list as part of a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShoppingWrite {
    /// Adds an item; its undo (deleting it) is recorded automatically.
    Insert(ShoppingItem),
    /// Updates an item by id.
    Update(ShoppingItem),
    Delete {
        id: i64,
    },
    /// Puts an item back as it was: updates it by id, or re-adds it when gone.
    Restore(ShoppingItem),
}

/// A reminder as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reminder {
    /// Store id; 0 before it is saved.
    pub id: i64,
    pub channel: String,
    pub chat_id: String,
    pub text: String,
    pub due_at: DateTime<Utc>,
}

/// A write to reminders as part of a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderWrite {
    /// Adds a reminder; its undo (deleting it) is recorded automatically.
    Insert(Reminder),
    Delete {
        id: i64,
    },
}

/// What a change writes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Writes {
    #[serde(default)]
    pub slots: Vec<SlotWrite>,
    #[serde(default)]
    pub pantry: Vec<PantryWrite>,
    #[serde(default)]
    pub shopping: Vec<ShoppingWrite>,
    #[serde(default)]
    pub reminders: Vec<ReminderWrite>,
    /// New household preferences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferences: Option<Preferences>,
}

/// Everything a message needs about its chat, read in one query.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatContext {
    pub household: Household,
    pub state: String,
    /// Where the sender's identity is linked, if anywhere.
    pub sender: Option<(HouseholdId, MemberId)>,
}

/// A chat bound to a household, with its stored dialogue state.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatRecord {
    pub household: HouseholdId,
    /// The dialogue state as JSON (see `engine::dialogue`).
    pub state: String,
}

/// A change that can be undone: what it writes and what writing back undoes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// "plan", "replace", "swap", "set", "clear", "cooked", "leftovers", "pantry"...
    pub kind: String,
    /// What it did, in words ("Swapped Tuesday dinner and Thursday dinner").
    pub summary: String,
    pub apply: Writes,
    pub undo: Writes,
}

impl Change {
    pub fn new(kind: &str, summary: String, apply: Writes, undo: Writes) -> Change {
        Change {
            kind: kind.into(),
            summary,
            apply,
            undo,
        }
    }
}

/// A change as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRecord {
    pub id: i64,
    pub kind: String,
    pub summary: String,
}

/// The repository every service goes through.
#[async_trait]
pub trait Repository: Send + Sync + 'static {
    fn backend(&self) -> Backend;

    /// Checks the database answers.
    async fn ping(&self) -> StoreResult<()>;

    // Households and people.
    async fn create_household(
        &self,
        name: &str,
        prefs: &Preferences,
        now: DateTime<Utc>,
    ) -> StoreResult<Household>;
    async fn household(&self, id: HouseholdId) -> StoreResult<Option<Household>>;
    /// Finds a household by name, ignoring case and accents.
    async fn household_by_name(&self, name: &str) -> StoreResult<Option<Household>>;
    async fn set_preferences(&self, h: HouseholdId, prefs: &Preferences) -> StoreResult<()>;
    async fn add_member(
        &self,
        h: HouseholdId,
        display_name: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Member>;
    async fn members(&self, h: HouseholdId) -> StoreResult<Vec<Member>>;
    async fn set_member_preferences(
        &self,
        h: HouseholdId,
        m: MemberId,
        prefs: &MemberPreferences,
    ) -> StoreResult<bool>;
    /// Links a channel identity to a member of `h`; a conflict when the
    /// identity already speaks for someone.
    async fn link_identity(
        &self,
        h: HouseholdId,
        m: MemberId,
        identity: &Identity,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn unlink_identity(&self, h: HouseholdId, identity: &Identity) -> StoreResult<bool>;
    async fn identities(&self, h: HouseholdId, m: MemberId) -> StoreResult<Vec<Identity>>;
    /// Who a platform identity speaks for: how an inbound message finds its household.
    async fn resolve_identity(
        &self,
        identity: &Identity,
    ) -> StoreResult<Option<(HouseholdId, MemberId)>>;
    async fn create_invite(
        &self,
        h: HouseholdId,
        by: Option<MemberId>,
        code: &str,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// An invite that links another account of member `m` instead of adding a person.
    async fn create_link_code(
        &self,
        h: HouseholdId,
        m: MemberId,
        code: &str,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Uses an invite once: creates the member (or, for a link code, reuses
    /// its member), links the identity, marks
    /// the code used, all or nothing.
    async fn redeem_invite(
        &self,
        code: &str,
        display_name: &str,
        identity: &Identity,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<Joined, InviteError>>;

    // Recipes.
    /// Seeds the shared catalog once per `version`; true when it seeded.
    async fn seed_catalog(
        &self,
        version: &str,
        specs: &[RecipeSpec],
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// The shared catalog and the household's own recipes.
    async fn recipes(&self, h: HouseholdId) -> StoreResult<Vec<StoredRecipe>>;
    async fn recipe(&self, h: HouseholdId, slug: &str) -> StoreResult<Option<StoredRecipe>>;
    /// Saves a recipe of the household, replacing its own recipe of the same slug.
    async fn save_recipe(
        &self,
        h: HouseholdId,
        spec: &RecipeSpec,
        now: DateTime<Utc>,
    ) -> StoreResult<StoredRecipe>;
    async fn delete_recipe(&self, h: HouseholdId, slug: &str) -> StoreResult<bool>;

    // Pantry.
    async fn pantry(&self, h: HouseholdId) -> StoreResult<Vec<PantryItem>>;
    /// Stores an item where [`crate::domain::pantry::place`] decided; returns its id.
    async fn place_pantry_item(
        &self,
        h: HouseholdId,
        placement: &Placement,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    /// Applies planned changes in one transaction; ids of other households are ignored.
    async fn apply_pantry_changes(&self, h: HouseholdId, changes: &[LotChange]) -> StoreResult<()>;

    // Shopping list.
    async fn shopping_items(&self, h: HouseholdId) -> StoreResult<Vec<ShoppingItem>>;
    async fn insert_shopping_item(
        &self,
        h: HouseholdId,
        item: &ShoppingItem,
        now: DateTime<Utc>,
    ) -> StoreResult<ShoppingItem>;
    async fn update_shopping_item(&self, h: HouseholdId, item: &ShoppingItem) -> StoreResult<bool>;
    async fn delete_shopping_item(&self, h: HouseholdId, id: i64) -> StoreResult<bool>;
    /// Marks an item checked and puts it in the pantry, in one transaction.
    /// `None` when the item is not the household's or already checked.
    async fn check_off(
        &self,
        h: HouseholdId,
        id: i64,
        into_pantry: Option<&Placement>,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<ShoppingItem>>;
    /// Removes checked items; returns how many.
    async fn clear_checked(&self, h: HouseholdId) -> StoreResult<u64>;

    // Meal calendar and undoable changes.
    /// Slots from `from` to `to`, inclusive, by date and meal.
    async fn plan_slots(
        &self,
        h: HouseholdId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<Slot>>;
    /// Applies a change's writes and records it for undo, in one transaction.
    async fn record_change(
        &self,
        h: HouseholdId,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    /// Reverts the household's most recent change not yet undone.
    async fn undo_last(
        &self,
        h: HouseholdId,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<ChangeRecord>>;
    /// Changes whenever the recipes a household sees do (for catalog caches).
    async fn recipes_version(&self, h: HouseholdId) -> StoreResult<RecipesVersion>;

    // Conversations.
    /// The household a chat belongs to and its dialogue state.
    async fn chat(&self, channel: &str, chat_id: &str) -> StoreResult<Option<ChatRecord>>;
    /// Binds a chat to a household (keeping its state when it already exists).
    async fn bind_chat(
        &self,
        channel: &str,
        chat_id: &str,
        h: HouseholdId,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn save_chat_state(
        &self,
        h: HouseholdId,
        channel: &str,
        chat_id: &str,
        state: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The chat's household (with preferences), state and the sender's link.
    async fn chat_context(
        &self,
        channel: &str,
        chat_id: &str,
        platform_user_id: &str,
    ) -> StoreResult<Option<ChatContext>>;
    /// Records a finished turn in one transaction: the inbound message (when
    /// it was not recorded before acting), the replies (delivered already
    /// when `delivered`), and the chat's new state when it changed.
    #[allow(clippy::too_many_arguments)]
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
    ) -> StoreResult<()>;
    /// Records an inbound message; `None` when this platform id was already
    /// recorded (a redelivery).
    async fn record_inbound(
        &self,
        h: Option<HouseholdId>,
        channel: &str,
        chat_id: &str,
        platform_id: Option<&str>,
        body: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<i64>>;
    /// Records an outbound message before it is sent.
    async fn record_outbound(
        &self,
        h: Option<HouseholdId>,
        channel: &str,
        chat_id: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    async fn mark_delivered(
        &self,
        message: i64,
        platform_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Reminders not sent yet, soonest first.
    async fn pending_reminders(&self, h: HouseholdId) -> StoreResult<Vec<Reminder>>;
    /// Adds model tokens to the household's count for `month` ("2026-11").
    async fn add_llm_usage(
        &self,
        h: HouseholdId,
        month: &str,
        input: u64,
        output: u64,
    ) -> StoreResult<()>;
    /// Tokens used in `month` (input + output).
    async fn llm_usage(&self, h: HouseholdId, month: &str) -> StoreResult<u64>;
}

/// Opens the configured database, creating an SQLite file and its folder on
/// first use, and applies pending migrations.
pub async fn connect(config: &DatabaseConfig) -> StoreResult<Arc<dyn Repository>> {
    if config.url.is_postgres() {
        Ok(Arc::new(postgres::PgStore::connect(config).await?))
    } else {
        Ok(Arc::new(sqlite::SqliteStore::connect(config).await?))
    }
}
