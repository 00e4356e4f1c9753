//! Configuration: defaults, then `config.toml` (or `--config PATH`), then
//! `KCC_`-prefixed environment variables (`KCC_DATABASE__URL`,
//! `KCC_WEB__LISTEN`). Secrets never appear in `Debug` output or logs.

use crate::domain::household::Language;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// A secret value (token, API key, password). Its `Debug` and `Display`
/// print `[redacted]`; read it with [`Secret::expose`].
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "\"\""
        } else {
            "[redacted]"
        })
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A database URL. Its `Debug` and `Display` hide the password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> DatabaseUrl {
        DatabaseUrl(url.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_postgres(&self) -> bool {
        self.0.starts_with("postgres://") || self.0.starts_with("postgresql://")
    }

    /// The URL with any password replaced by `***`.
    pub fn redacted(&self) -> String {
        redact_url(&self.0)
    }
}

/// Replaces the password of `scheme://user:password@host` with `***`.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let Some(at) = rest.find('@') else {
        return url.to_string();
    };
    match rest[..at].find(':') {
        Some(colon) => format!(
            "{}://{}:***{}",
            &url[..scheme_end],
            &rest[..colon],
            &rest[at..]
        ),
        None => url.to_string(),
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// The whole configuration.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub database: DatabaseConfig,
    pub web: WebConfig,
    pub household: HouseholdConfig,
    pub log: LogConfig,
    pub llm: LlmConfig,
}

/// Language models: which to try, in order, and how.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct LlmConfig {
    /// Providers to try in order: "anthropic", "gemini", "openai". The
    /// offline parser always answers last; an empty chain means offline only.
    pub chain: Vec<String>,
    /// The most a message may wait for models, seconds.
    pub deadline_seconds: u64,
    /// The most tool-calling rounds per message.
    pub max_rounds: u32,
    /// Tokens (in + out) a household may spend per calendar month; then offline.
    pub monthly_tokens_per_household: u64,
    /// Attempts per provider (retries honour retry-after).
    pub attempts: u32,
    pub anthropic: ProviderConfig,
    pub gemini: ProviderConfig,
    pub openai: ProviderConfig,
}

/// One provider's endpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ProviderConfig {
    pub base_url: String,
    pub model: String,
    /// Never printed.
    pub api_key: Secret,
    /// Stream answers over SSE.
    pub stream: bool,
    pub max_tokens: u32,
}

impl Default for LlmConfig {
    fn default() -> Self {
        LlmConfig {
            chain: Vec::new(),
            deadline_seconds: 20,
            max_rounds: 5,
            monthly_tokens_per_household: 500_000,
            attempts: 3,
            anthropic: ProviderConfig {
                base_url: "https://api.anthropic.com".into(),
                model: "claude-sonnet-4-5".into(),
                ..ProviderConfig::default()
            },
            gemini: ProviderConfig {
                base_url: "https://generativelanguage.googleapis.com".into(),
                model: "gemini-2.5-flash".into(),
                ..ProviderConfig::default()
            },
            openai: ProviderConfig {
                base_url: "http://127.0.0.1:11434/v1".into(),
                model: "llama3.1".into(),
                ..ProviderConfig::default()
            },
        }
    }
}

impl Default for ProviderConfig {
    fn default() -> Self {
        ProviderConfig {
            base_url: String::new(),
            model: String::new(),
            api_key: Secret::default(),
            stream: true,
            max_tokens: 1024,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct DatabaseConfig {
    /// `sqlite://data/kecarajocomer.db` (default) or `postgres://user:pass@host/db`.
    pub url: DatabaseUrl,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct WebConfig {
    /// Address the web server listens on.
    pub listen: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct HouseholdConfig {
    /// Name of the household the CLI acts for unless `--household` names another.
    pub default_name: String,
    /// Timezone and language given to households created on this instance.
    pub timezone: String,
    pub language: Language,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct LogConfig {
    /// A `tracing` filter: "info", "kecarajocomer=debug,sqlx=warn".
    pub level: String,
    pub format: LogFormat,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            url: DatabaseUrl::new("sqlite://data/kecarajocomer.db"),
            max_connections: 8,
        }
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            listen: "127.0.0.1:8080".to_string(),
        }
    }
}

impl Default for HouseholdConfig {
    fn default() -> Self {
        HouseholdConfig {
            default_name: "home".to_string(),
            timezone: "UTC".to_string(),
            language: Language::En,
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            level: "info,sqlx=warn".to_string(),
            format: LogFormat::Pretty,
        }
    }
}

/// Why the configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "config file {0} does not exist: pass an existing file to --config, or leave it out to use the defaults"
    )]
    Missing(PathBuf),
    #[error("invalid configuration: {0}")]
    Invalid(String),
}

impl Config {
    /// Loads defaults, then the file (`path`, or `./config.toml` when it
    /// exists), then `KCC_*` environment variables.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match path {
            Some(p) if !p.exists() => return Err(ConfigError::Missing(p.to_path_buf())),
            Some(p) => figment = figment.merge(Toml::file(p)),
            None if Path::new("config.toml").exists() => {
                figment = figment.merge(Toml::file("config.toml"));
            }
            None => {}
        }
        figment = figment.merge(Env::prefixed("KCC_").split("__"));
        let config: Config = figment
            .extract()
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let url = self.database.url.expose();
        if !(url.starts_with("sqlite:") || self.database.url.is_postgres()) {
            return Err(ConfigError::Invalid(format!(
                "database.url \"{}\" must start with sqlite:// or postgres://",
                self.database.url.redacted()
            )));
        }
        if self.web.listen.parse::<std::net::SocketAddr>().is_err() {
            return Err(ConfigError::Invalid(format!(
                "web.listen \"{}\" is not an address: write it like 127.0.0.1:8080",
                self.web.listen
            )));
        }
        for name in &self.llm.chain {
            if !matches!(name.as_str(), "anthropic" | "gemini" | "openai" | "offline") {
                return Err(ConfigError::Invalid(format!(
                    "llm.chain has \"{name}\": use anthropic, gemini, openai or offline"
                )));
            }
        }
        if self.household.default_name.trim().is_empty() {
            return Err(ConfigError::Invalid(
                "household.default_name must not be empty".into(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment::Jail's closures return figment::Error
mod tests {
    use super::*;

    #[test]
    fn urls_and_secrets_never_print_passwords() {
        let url = DatabaseUrl::new("postgres://kcc:hunter2@db.example:5432/kcc");
        assert_eq!(url.to_string(), "postgres://kcc:***@db.example:5432/kcc");
        assert!(!format!("{url:?}").contains("hunter2"));
        let cfg = Config {
            database: DatabaseConfig {
                url,
                max_connections: 1,
            },
            ..Config::default()
        };
        assert!(!format!("{cfg:?}").contains("hunter2"));
        assert_eq!(format!("{:?}", Secret::new("sk-abc")), "[redacted]");
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
    }

    #[test]
    fn environment_overrides_file_which_overrides_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "custom.toml",
                "[web]\nlisten = \"127.0.0.1:9999\"\n[household]\ndefault_name = \"casa\"\n",
            )?;
            jail.set_env("KCC_HOUSEHOLD__DEFAULT_NAME", "flat");
            let cfg = Config::load(Some(Path::new("custom.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(cfg.web.listen, "127.0.0.1:9999");
            assert_eq!(cfg.household.default_name, "flat");
            assert_eq!(cfg.database.url.expose(), "sqlite://data/kecarajocomer.db");
            Ok(())
        });
    }

    #[test]
    fn the_model_chain_and_keys_come_from_the_environment() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("KCC_LLM__CHAIN", r#"["anthropic", "gemini"]"#);
            jail.set_env("KCC_LLM__ANTHROPIC__API_KEY", "sk-very-secret");
            let cfg = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(cfg.llm.chain, ["anthropic", "gemini"]);
            assert_eq!(cfg.llm.anthropic.api_key.expose(), "sk-very-secret");
            assert!(!format!("{cfg:?}").contains("sk-very-secret"));
            jail.set_env("KCC_LLM__CHAIN", r#"["skynet"]"#);
            assert!(Config::load(None).is_err());
            Ok(())
        });
    }

    #[test]
    fn a_missing_file_or_a_bad_value_is_a_clear_error() {
        let err = Config::load(Some(Path::new("/nonexistent/kcc.toml"))).unwrap_err();
        assert!(err.to_string().contains("--config"));
        figment::Jail::expect_with(|jail| {
            jail.set_env("KCC_WEB__LISTEN", "not-an-address");
            let err = Config::load(None).unwrap_err();
            assert!(err.to_string().contains("127.0.0.1:8080"), "{err}");
            Ok(())
        });
    }
}
