//! Application services: the use cases (households, recipes, pantry,
//! shopping) over the store and the pure domain. Every call names the
//! household it acts for; nothing here reads the clock (callers pass `now`).

pub mod households;
pub mod pantry;
pub mod recipes;
pub mod shopping;

use crate::domain::food::FoodTable;
use crate::store::{Repository, StoreError};
use std::sync::Arc;

/// What a use case can fail with. `Invalid` and `NotFound` are the
/// caller's to fix and carry a message that says how.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceError {
    /// True when the user can fix it by typing something else.
    pub fn is_user_error(&self) -> bool {
        matches!(self, ServiceError::Invalid(_) | ServiceError::NotFound(_))
            || matches!(self, ServiceError::Store(StoreError::Conflict(_)))
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// The services, sharing one store and the food table.
#[derive(Clone)]
pub struct Kitchen {
    pub store: Arc<dyn Repository>,
    pub foods: &'static FoodTable,
}

impl Kitchen {
    pub fn new(store: Arc<dyn Repository>) -> Kitchen {
        Kitchen {
            store,
            foods: FoodTable::builtin(),
        }
    }
}
