//! The embedded default store: one SQLite file (WAL), created on first run.

use super::{StoreResult, sql::impl_repository};
use crate::config::DatabaseConfig;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating when missing, with its folder) and migrates the database.
    pub async fn connect(config: &DatabaseConfig) -> StoreResult<SqliteStore> {
        let url = config.url.expose();
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let path = options.get_filename().to_path_buf();
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
            && !dir.exists()
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                sqlx::Error::Configuration(format!("cannot create {}: {e}", dir.display()).into())
            })?;
        }
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let pool = SqlitePoolOptions::new()
            // An in-memory database lives in one connection.
            .max_connections(if in_memory {
                1
            } else {
                config.max_connections.max(1)
            })
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        tracing::info!(path = %path.display(), "sqlite store ready");
        Ok(SqliteStore { pool })
    }
}

impl_repository!(SqliteStore, sqlx::Sqlite, Backend::Sqlite);
