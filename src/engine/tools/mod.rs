//! The tool catalog: every action a person can ask for, defined once —
//! name, description in English and Spanish, typed arguments (their JSON
//! schema derived from the type), whether it changes data, whether it needs
//! confirmation, and its handler. The offline parser and every language
//! model produce calls to these tools; help text and model tool
//! definitions derive from this table.
//!
//! Architecture invariant: a handler acts for `Context::household` only.
//! No argument names a household; authorization is this code, never a model.

mod household;
mod kitchen;
mod plan;
mod recipes;

use crate::domain::household::{Household, Identity, Language, MemberId};
use crate::services::{Kitchen, Msg, ServiceError};
use chrono::{DateTime, NaiveDate, Utc};
use kecarajocomer_channel::Button;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

/// Who is asking, where, and when.
pub struct Context<'a> {
    pub kitchen: &'a Kitchen,
    pub household: Household,
    pub member: Option<MemberId>,
    /// The identity speaking (joining a household links it).
    pub identity: Option<Identity>,
    /// The chat the request came from (reminders go back there).
    pub channel: String,
    pub chat_id: String,
    pub now: DateTime<Utc>,
    /// Today in the household's timezone.
    pub today: NaiveDate,
    /// True when the person already confirmed a destructive action.
    pub confirmed: bool,
}

impl<'a> Context<'a> {
    /// A copy of the context (to run a confirmed call).
    pub fn clone_for_confirm(&self) -> Context<'a> {
        Context {
            kitchen: self.kitchen,
            household: self.household.clone(),
            member: self.member,
            identity: self.identity.clone(),
            channel: self.channel.clone(),
            chat_id: self.chat_id.clone(),
            now: self.now,
            today: self.today,
            confirmed: self.confirmed,
        }
    }

    pub fn spanish(&self) -> bool {
        self.household.preferences.language == Language::Es
    }

    /// English or Spanish text by the household's language.
    pub fn t<'s>(&self, en: &'s str, es: &'s str) -> &'s str {
        if self.spanish() { es } else { en }
    }
}

/// What a tool returns: text for the person, data for a model, buttons.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Output {
    pub text: String,
    pub data: Value,
    pub buttons: Vec<Vec<Button>>,
}

impl Output {
    pub fn text(text: impl Into<String>) -> Output {
        let text = text.into();
        Output {
            data: Value::String(text.clone()),
            text,
            buttons: Vec::new(),
        }
    }
}

/// Why a tool did not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ToolError {
    /// The arguments are wrong; the message says what to send instead.
    #[error("{0}")]
    Invalid(Msg),
    #[error("{0}")]
    NotFound(Msg),
    /// A destructive action that needs a yes first.
    #[error("{0}")]
    Confirm(String),
    #[error("something went wrong on our side; try again in a moment")]
    Failed,
}

impl From<ServiceError> for ToolError {
    fn from(e: ServiceError) -> ToolError {
        match e {
            ServiceError::Invalid(m) => ToolError::invalid(m),
            ServiceError::NotFound(m) => ToolError::not_found(m),
            ServiceError::Store(crate::store::StoreError::Conflict(m)) => ToolError::invalid(m),
            ServiceError::Store(e) => {
                tracing::error!(error = %e, "tool failed in the store");
                ToolError::Failed
            }
        }
    }
}

impl ToolError {
    pub fn invalid(m: impl Into<Msg>) -> ToolError {
        ToolError::Invalid(m.into())
    }

    pub fn not_found(m: impl Into<Msg>) -> ToolError {
        ToolError::NotFound(m.into())
    }

    /// The message in the household's language.
    pub fn localized(&self, spanish: bool) -> String {
        match self {
            ToolError::Invalid(m) | ToolError::NotFound(m) => m.text(spanish).to_string(),
            other => other.to_string(),
        }
    }
}

pub type ToolResult = Result<Output, ToolError>;
type Run =
    for<'a> fn(&'a Context<'a>, Value) -> Pin<Box<dyn Future<Output = ToolResult> + Send + 'a>>;

/// One entry of the catalog.
pub struct Tool {
    pub name: &'static str,
    pub description_en: &'static str,
    pub description_es: &'static str,
    /// True when it changes stored data (and can be undone).
    pub mutates: bool,
    /// True when it may need a confirmation before it changes data.
    pub confirm: bool,
    schema: fn() -> Value,
    run: Run,
}

impl Tool {
    /// JSON schema of the arguments.
    pub fn schema(&self) -> Value {
        (self.schema)()
    }

    pub fn description(&self, spanish: bool) -> &'static str {
        if spanish {
            self.description_es
        } else {
            self.description_en
        }
    }

    /// Runs the tool: arguments are checked against their type first; bad
    /// arguments are an error that says what is wrong, never a crash.
    pub async fn call(&self, ctx: &Context<'_>, args: Value) -> ToolResult {
        (self.run)(ctx, args).await
    }
}

/// The schema of an argument type, as a JSON object without `$schema`.
pub fn schema_of<T: JsonSchema>() -> Value {
    let mut v = serde_json::to_value(schemars::schema_for!(T)).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.remove("$schema");
        map.remove("title");
        map.entry("properties")
            .or_insert_with(|| Value::Object(Default::default()));
        map.insert("type".into(), Value::String("object".into()));
    }
    v
}

/// Parses arguments into their type; `null` counts as `{}`.
pub fn parse_args<T: DeserializeOwned>(tool: &str, args: Value) -> Result<T, ToolError> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args)
        .map_err(|e| ToolError::invalid(format!("{tool}: bad arguments ({e})")))
}

macro_rules! tools {
    ($( $name:literal => $module:ident :: $handler:ident ( $args:ty ), mutates: $mutates:expr, confirm: $confirm:expr, en: $en:literal, es: $es:literal; )+) => {
        /// The catalog, in the order help lists it.
        pub static CATALOG: &[Tool] = &[
            $(
                Tool {
                    name: $name,
                    description_en: $en,
                    description_es: $es,
                    mutates: $mutates,
                    confirm: $confirm,
                    schema: schema_of::<$args>,
                    run: |ctx, args| Box::pin(async move {
                        let args: $args = parse_args($name, args)?;
                        $module::$handler(ctx, args).await
                    }),
                },
            )+
        ];
    };
}

tools! {
    "plan_week" => plan::plan_week(plan::PlanWeek), mutates: true, confirm: true,
        en: "Plan meals for a week (or N days from a start date) that fit the household's diets, allergies, dislikes, time and calorie targets. Replaces the plan for those days.",
        es: "Planifica las comidas de una semana (o N días desde una fecha) según dietas, alergias, disgustos, tiempo y calorías del hogar. Reemplaza el plan de esos días.";
    "show_plan" => plan::show_plan(plan::ShowPlan), mutates: false, confirm: false,
        en: "Show the meal plan: a day, one meal, or the coming week.",
        es: "Muestra el plan de comidas: un día, una comida o la semana.";
    "replace_meal" => plan::replace_meal(plan::ReplaceMeal), mutates: true, confirm: false,
        en: "Replace one planned meal with another recipe that fits, optionally matching a wish (\"something with fish\").",
        es: "Cambia una comida del plan por otra receta que encaje, opcionalmente según un deseo (\"algo con pescado\").";
    "swap_meals" => plan::swap_meals(plan::SwapMeals), mutates: true, confirm: false,
        en: "Swap two planned meals.",
        es: "Intercambia dos comidas del plan.";
    "cooked" => plan::cooked(plan::Cooked), mutates: true, confirm: false,
        en: "Mark a meal as cooked: its ingredients come out of the pantry.",
        es: "Marca una comida como cocinada: sus ingredientes salen de la despensa.";
    "nutrition_summary" => plan::nutrition_summary(plan::NutritionSummary), mutates: false, confirm: false,
        en: "Calories and protein per person for a day or the week, against the targets.",
        es: "Calorías y proteína por persona de un día o de la semana, contra los objetivos.";
    "find_recipes" => recipes::find_recipes(recipes::FindRecipes), mutates: false, confirm: false,
        en: "Search recipes by words, ingredients, diet and time.",
        es: "Busca recetas por palabras, ingredientes, dieta y tiempo.";
    "suggest_from_pantry" => recipes::suggest_from_pantry(recipes::SuggestFromPantry), mutates: false, confirm: false,
        en: "Suggest recipes from what the pantry holds, using what expires first.",
        es: "Sugiere recetas con lo que hay en la despensa, usando primero lo que vence.";
    "show_recipe" => recipes::show_recipe(recipes::ShowRecipe), mutates: false, confirm: false,
        en: "Show a recipe, optionally scaled to a number of servings.",
        es: "Muestra una receta, opcionalmente para una cantidad de porciones.";
    "add_to_pantry" => kitchen::add_to_pantry(kitchen::Items), mutates: true, confirm: false,
        en: "Add items to the pantry (what the household has at home).",
        es: "Agrega cosas a la despensa (lo que hay en casa).";
    "remove_from_pantry" => kitchen::remove_from_pantry(kitchen::Items), mutates: true, confirm: false,
        en: "Take items out of the pantry: an amount, or all of it when none is given (\"we're out of eggs\").",
        es: "Saca cosas de la despensa: una cantidad, o todo si no se dice (\"se acabaron los huevos\").";
    "show_pantry" => kitchen::show_pantry(kitchen::ShowPantry), mutates: false, confirm: false,
        en: "Show the pantry, or only what expires within some days.",
        es: "Muestra la despensa, o solo lo que vence en unos días.";
    "add_to_shopping_list" => kitchen::add_to_shopping_list(kitchen::Items), mutates: true, confirm: false,
        en: "Add items to the shopping list.",
        es: "Agrega cosas a la lista de compras.";
    "show_shopping_list" => kitchen::show_shopping_list(kitchen::NoArgs), mutates: false, confirm: false,
        en: "Show the shopping list, grouped by aisle.",
        es: "Muestra la lista de compras, por góndola.";
    "check_off" => kitchen::check_off(kitchen::Items), mutates: true, confirm: false,
        en: "Check items off the shopping list; what was bought goes into the pantry.",
        es: "Tacha cosas de la lista de compras; lo comprado pasa a la despensa.";
    "set_preferences" => household::set_preferences(household::SetPreferences), mutates: true, confirm: false,
        en: "Change the household's preferences: diet, allergies, dislikes, calories and protein per day, time limit, household size, weekly budget, language, timezone.",
        es: "Cambia las preferencias del hogar: dieta, alergias, disgustos, calorías y proteína por día, tiempo máximo, cantidad de personas, presupuesto semanal, idioma, zona horaria.";
    "set_reminder" => household::set_reminder(household::SetReminder), mutates: true, confirm: false,
        en: "Set a reminder in this chat at a local time (YYYY-MM-DDTHH:MM).",
        es: "Programa un recordatorio en este chat a una hora local (AAAA-MM-DDTHH:MM).";
    "create_invite" => household::create_invite(household::CreateInvite), mutates: true, confirm: false,
        en: "Create a single-use code for someone to join the household (or, with link, for you to link another account).",
        es: "Crea un código de un solo uso para que alguien se una al hogar (o, con link, para vincular otra cuenta tuya).";
    "join_household" => household::join_household(household::JoinHousehold), mutates: true, confirm: false,
        en: "Join a household (or link this account) with a code.",
        es: "Unirse a un hogar (o vincular esta cuenta) con un código.";
    "undo" => household::undo(kitchen::NoArgs), mutates: true, confirm: false,
        en: "Undo the last change.",
        es: "Deshace el último cambio.";
    "help" => household::help(kitchen::NoArgs), mutates: false, confirm: false,
        en: "What I can do.",
        es: "Lo que sé hacer.";
}

/// A tool by name.
pub fn find(name: &str) -> Option<&'static Tool> {
    CATALOG.iter().find(|t| t.name == name)
}

/// Parses an ISO date argument.
pub fn date_arg(field: &str, text: &str) -> Result<NaiveDate, ToolError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        ToolError::invalid(format!(
            "{field} must be a date written YYYY-MM-DD, like 2026-12-01"
        ))
    })
}
