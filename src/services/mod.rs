//! Application services: the use cases (households, recipes, pantry,
//! shopping) over the store and the pure domain. Every call names the
//! household it acts for; nothing here reads the clock (callers pass `now`).

pub mod households;
pub mod import;
pub mod items;
pub mod pantry;
pub mod plans;
pub mod recipes;
pub mod shopping;

use crate::domain::food::FoodTable;
use crate::domain::household::HouseholdId;
use crate::planner::Catalog;
use crate::store::{RecipesVersion, Repository, StoreError};
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// A message for a person, in English and (when written) Spanish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub en: String,
    pub es: Option<String>,
}

impl Msg {
    /// The message in the household's language (English when no Spanish was written).
    pub fn text(&self, spanish: bool) -> &str {
        match (&self.es, spanish) {
            (Some(es), true) => es,
            _ => &self.en,
        }
    }
}

impl From<String> for Msg {
    fn from(en: String) -> Msg {
        Msg { en, es: None }
    }
}

impl From<&str> for Msg {
    fn from(en: &str) -> Msg {
        Msg {
            en: en.to_string(),
            es: None,
        }
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// What a use case can fail with. `Invalid` and `NotFound` are the
/// caller's to fix and carry a message that says how.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    Invalid(Msg),
    #[error("{0}")]
    NotFound(Msg),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceError {
    /// Input the person can fix (English only).
    pub fn invalid(en: impl Into<String>) -> ServiceError {
        ServiceError::Invalid(Msg {
            en: en.into(),
            es: None,
        })
    }

    /// Something that is not there (English only).
    pub fn not_found(en: impl Into<String>) -> ServiceError {
        ServiceError::NotFound(Msg {
            en: en.into(),
            es: None,
        })
    }

    /// Adds the Spanish text of the message.
    pub fn es(self, es: impl Into<String>) -> ServiceError {
        match self {
            ServiceError::Invalid(m) => ServiceError::Invalid(Msg {
                es: Some(es.into()),
                ..m
            }),
            ServiceError::NotFound(m) => ServiceError::NotFound(Msg {
                es: Some(es.into()),
                ..m
            }),
            other => other,
        }
    }

    /// The message in the household's language.
    pub fn localized(&self, spanish: bool) -> String {
        match self {
            ServiceError::Invalid(m) | ServiceError::NotFound(m) => m.text(spanish).to_string(),
            other => other.to_string(),
        }
    }
}

impl ServiceError {
    /// True when the user can fix it by typing something else.
    pub fn is_user_error(&self) -> bool {
        matches!(self, ServiceError::Invalid(_) | ServiceError::NotFound(_))
            || matches!(self, ServiceError::Store(StoreError::Conflict(_)))
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Catalogs by what they contain: households without recipes of their own
/// share one.
type CatalogCache = FxHashMap<(Option<HouseholdId>, RecipesVersion), Arc<Catalog>>;

/// How long a household's recipe version is trusted before it is asked
/// again: recipes saved by this process are seen at once (the cache entry
/// is dropped), by other instances within this time.
const VERSION_TTL: std::time::Duration = std::time::Duration::from_secs(2);

/// The services, sharing one store, the food table and a catalog cache.
#[derive(Clone)]
pub struct Kitchen {
    pub store: Arc<dyn Repository>,
    pub foods: &'static FoodTable,
    catalogs: Arc<Mutex<CatalogCache>>,
    versions: Arc<Mutex<FxHashMap<HouseholdId, (std::time::Instant, RecipesVersion)>>>,
}

impl Kitchen {
    pub fn new(store: Arc<dyn Repository>) -> Kitchen {
        Kitchen {
            store,
            foods: FoodTable::builtin(),
            catalogs: Arc::default(),
            versions: Arc::default(),
        }
    }

    /// The household's catalog (shared recipes and its own), built once per
    /// version of its recipes.
    pub async fn catalog_index(&self, h: HouseholdId) -> ServiceResult<Arc<Catalog>> {
        let fresh = {
            let versions = self.versions.lock().unwrap_or_else(|e| e.into_inner());
            versions
                .get(&h)
                .filter(|(at, _)| at.elapsed() < VERSION_TTL)
                .map(|(_, v)| *v)
        };
        let version = match fresh {
            Some(v) => v,
            None => {
                let v = self.store.recipes_version(h).await?;
                let mut versions = self.versions.lock().unwrap_or_else(|e| e.into_inner());
                if versions.len() > 10_000 {
                    versions.clear();
                }
                versions.insert(h, (std::time::Instant::now(), v));
                v
            }
        };
        let key = (if version.own.0 > 0 { Some(h) } else { None }, version);
        if let Some(c) = self.cached(&key) {
            return Ok(c);
        }
        let catalog = Arc::new(Catalog::new(self.catalog(h).await?, self.foods));
        let mut cache = self.catalogs.lock().unwrap_or_else(|e| e.into_inner());
        // Drop older versions of the same key owner.
        cache.retain(|(owner, v), _| !(*owner == key.0 && *v != version));
        cache.insert(key, catalog.clone());
        Ok(catalog)
    }

    /// Forgets what this process knew of a household's recipes (after it saved one).
    pub fn recipes_changed(&self, h: HouseholdId) {
        self.versions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&h);
    }

    fn cached(&self, key: &(Option<HouseholdId>, RecipesVersion)) -> Option<Arc<Catalog>> {
        let cache = self.catalogs.lock().unwrap_or_else(|e| e.into_inner());
        cache.get(key).cloned()
    }
}
