//! Starting up: logging, store, seed catalog and the default household.

use crate::config::{Config, LogFormat};
use crate::domain::household::{Household, Preferences};
use crate::services::{Kitchen, ServiceResult};
use chrono::Utc;
use tracing_subscriber::EnvFilter;

/// Installs the global `tracing` subscriber (once; later calls do nothing).
pub fn init_logging(config: &Config) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&config.log.level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let _ = match config.log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.compact().try_init(),
    };
}

/// A started application: the services over a migrated, seeded store, and
/// the conversation engine over them.
#[derive(Clone)]
pub struct App {
    pub config: Config,
    pub kitchen: Kitchen,
    pub engine: std::sync::Arc<crate::engine::Engine>,
}

impl App {
    /// Connects and migrates the store, loads the seed catalog when new, and
    /// makes sure the default household exists.
    pub async fn start(config: Config) -> anyhow::Result<App> {
        tracing::info!(database = %config.database.url, "starting");
        let store = crate::store::connect(&config.database).await?;
        let kitchen = Kitchen::new(store);
        kitchen.seed_catalog(Utc::now()).await?;
        let engine = std::sync::Arc::new(crate::engine::Engine::new(kitchen.clone(), &config)?);
        if !config.llm.chain.is_empty() {
            tracing::info!(chain = ?engine.provider_names(), "language models configured; offline understanding answers last");
        }
        let app = App {
            config,
            kitchen,
            engine,
        };
        app.default_household().await?;
        Ok(app)
    }

    /// The preferences new households start with on this instance.
    pub fn default_preferences(&self) -> Preferences {
        Preferences {
            timezone: self.config.household.timezone.clone(),
            language: self.config.household.language,
            ..Preferences::default()
        }
    }

    /// The household the CLI acts for when none is named.
    pub async fn default_household(&self) -> ServiceResult<Household> {
        self.kitchen
            .ensure_household(
                &self.config.household.default_name,
                &self.default_preferences(),
                Utc::now(),
            )
            .await
    }
}
