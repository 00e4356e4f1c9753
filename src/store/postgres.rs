//! The shared store for real deployments: PostgreSQL.

use super::{StoreResult, sql::impl_repository};
use crate::config::DatabaseConfig;
use sqlx::postgres::{PgPool, PgPoolOptions};
use std::time::Duration;

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PgStore {
    pub(crate) pool: PgPool,
}

impl PgStore {
    /// Connects and migrates.
    pub async fn connect(config: &DatabaseConfig) -> StoreResult<PgStore> {
        let pool = PgPoolOptions::new()
            .max_connections(config.max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect(config.url.expose())
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        tracing::info!(url = %config.url, "postgres store ready");
        Ok(PgStore { pool })
    }
}

impl PgStore {
    /// PostgreSQL handles concurrent writers itself: one pool for all.
    pub(crate) fn writer(&self) -> &PgPool {
        &self.pool
    }
}

impl_repository!(PgStore, sqlx::Postgres, Backend::Postgres);
