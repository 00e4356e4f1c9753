//! The one test harness: fresh databases on both backends.
#![allow(dead_code)]

use kecarajocomer::config::{DatabaseConfig, DatabaseUrl};
use kecarajocomer::store::{self, Repository};
use sqlx::Connection;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// The server tests create their databases on. Override with
/// `KCC_TEST_POSTGRES_URL`; it must point at a database the user can
/// `CREATE DATABASE` from.
pub fn postgres_admin_url() -> String {
    std::env::var("KCC_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// A fresh, migrated database that is removed by [`TestDb::cleanup`].
pub struct TestDb {
    pub store: Arc<dyn Repository>,
    pub url: String,
    pg_name: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let store = store::connect(&DatabaseConfig {
            url: DatabaseUrl::new(url.clone()),
            max_connections: 4,
        })
        .await
        .expect("sqlite store");
        TestDb {
            store,
            url,
            pg_name: None,
            _dir: Some(dir),
        }
    }

    pub async fn postgres() -> TestDb {
        let admin = postgres_admin_url();
        let name = format!(
            "kcc_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            rand_suffix()
        );
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is not reachable at {admin} ({e}): start it (see README, Testing) or set KCC_TEST_POSTGRES_URL"
            )
        });
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("create test database");
        conn.close().await.ok();
        let url = match admin.rfind('/') {
            Some(i) if admin[..i].contains("://") && admin[..i].rfind('/') != Some(i - 1) => {
                format!("{}/{name}", &admin[..i])
            }
            _ => format!("{admin}/{name}"),
        };
        let store = store::connect(&DatabaseConfig {
            url: DatabaseUrl::new(url.clone()),
            max_connections: 4,
        })
        .await
        .expect("postgres store");
        TestDb {
            store,
            url,
            pg_name: Some(name),
            _dir: None,
        }
    }

    pub fn store(&self) -> Arc<dyn Repository> {
        self.store.clone()
    }

    /// Drops the PostgreSQL database (the SQLite file goes with its temp dir).
    pub async fn cleanup(self) {
        let TestDb { store, pg_name, .. } = self;
        drop(store);
        if let Some(name) = pg_name
            && let Ok(mut conn) = sqlx::PgConnection::connect(&postgres_admin_url()).await
        {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut conn)
                .await;
        }
    }
}

fn rand_suffix() -> u32 {
    use rand::Rng;
    rand::thread_rng().gen_range(0..1_000_000)
}

/// Runs each named `async fn(Arc<dyn Repository>)` as a test on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($story:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $story() {
                    let db = $crate::common::TestDb::sqlite().await;
                    super::$story(db.store()).await;
                    db.cleanup().await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $story() {
                    let db = $crate::common::TestDb::postgres().await;
                    super::$story(db.store()).await;
                    db.cleanup().await;
                }
            )+
        }
    };
}

/// The folder of real recipe pages the importer is tested on
/// (`../shared/data/recipe-pages` beside the repository on the project's
/// machines; `KCC_RECIPE_PAGES` names another place).
pub fn recipe_pages_dir() -> std::path::PathBuf {
    let candidates = [
        std::env::var("KCC_RECIPE_PAGES")
            .ok()
            .map(std::path::PathBuf::from),
        Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/recipe-pages")),
        Some(std::path::PathBuf::from("/work/shared/data/recipe-pages")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("README.md").exists())
        .unwrap_or_else(|| {
            panic!(
                "the recipe pages corpus is missing: set KCC_RECIPE_PAGES to the folder of SITE__NAME.html + .expected.json pages"
            )
        })
}
