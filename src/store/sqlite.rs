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
    /// Readers (several connections; WAL lets them read while one writes).
    pub(crate) pool: SqlitePool,
    /// The one writer: SQLite takes one write at a time, so writes queue
    /// here in the process instead of sleeping in SQLite's busy handler.
    writer: SqlitePool,
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
            .busy_timeout(Duration::from_secs(10))
            // Checkpoint the WAL less often (each checkpoint stalls the writer)
            // and keep more pages in memory.
            .pragma("wal_autocheckpoint", "4000")
            .pragma("cache_size", "-16000")
            .pragma("temp_store", "memory");
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
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&writer).await?;
        // An in-memory database lives in one connection: reads use the writer.
        let pool = if in_memory {
            writer.clone()
        } else {
            SqlitePoolOptions::new()
                .max_connections(config.max_connections.max(1))
                .connect_with(options.read_only(true))
                .await?
        };
        tracing::info!(path = %path.display(), "sqlite store ready");
        Ok(SqliteStore { pool, writer })
    }

    /// The pool writes go through.
    pub(crate) fn writer(&self) -> &SqlitePool {
        &self.writer
    }
}

impl_repository!(SqliteStore, sqlx::Sqlite, Backend::Sqlite);
