//! Household tools: set_preferences, set_reminder, create_invite,
//! join_household, undo, help.

use super::kitchen::NoArgs;
use super::{CATALOG, Context, Output, ToolError, ToolResult};
use crate::domain::flags::{Allergen, Diet};
use crate::domain::household::Language;
use crate::store::Reminder;
use chrono::{NaiveDateTime, TimeZone};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct SetPreferences {
    /// A diet to follow from now on.
    pub diet: Option<Diet>,
    /// Allergens to avoid.
    pub allergies: Option<Vec<Allergen>>,
    /// Foods nobody wants.
    pub dislikes: Option<Vec<String>>,
    pub calories_per_day: Option<u32>,
    pub protein_g_per_day: Option<u32>,
    /// Longest time per recipe, minutes.
    pub max_minutes: Option<u32>,
    pub household_size: Option<u32>,
    pub budget_per_week: Option<f64>,
    /// "en" or "es".
    pub language: Option<String>,
    /// IANA timezone, like America/Argentina/Buenos_Aires.
    pub timezone: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct SetReminder {
    /// What to remind.
    pub text: String,
    /// Local time, YYYY-MM-DDTHH:MM.
    pub at: String,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct CreateInvite {
    /// True for a code that links another account of yours instead of inviting someone.
    pub link: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct JoinHousehold {
    /// The 8-character code.
    pub code: String,
}

pub async fn set_preferences(ctx: &Context<'_>, args: SetPreferences) -> ToolResult {
    let before = ctx.household.preferences.clone();
    let mut p = before.clone();
    let mut said = Vec::new();
    if let Some(d) = args.diet {
        if !p.diets.contains(&d) {
            p.diets.push(d);
        }
        said.push(format!(
            "{}: {}",
            ctx.t("diet", "dieta"),
            if ctx.spanish() { d.name_es() } else { d.name() }
        ));
    }
    if let Some(list) = args.allergies {
        for a in list {
            if !p.allergies.contains(&a) {
                p.allergies.push(a);
            }
            said.push(format!(
                "{} {}",
                ctx.t("no", "sin"),
                if ctx.spanish() { a.name_es() } else { a.name() }
            ));
        }
    }
    if let Some(list) = args.dislikes {
        for d in list
            .into_iter()
            .map(|d| d.trim().to_lowercase())
            .filter(|d| !d.is_empty())
        {
            if !p.dislikes.contains(&d) {
                said.push(format!("{} {d}", ctx.t("no", "sin")));
                p.dislikes.push(d);
            }
        }
    }
    let range = |name: &str, v: u32, lo: u32, hi: u32| {
        if (lo..=hi).contains(&v) {
            Ok(v)
        } else {
            Err(ToolError::invalid(format!(
                "{name} must be between {lo} and {hi}"
            )))
        }
    };
    if let Some(v) = args.calories_per_day {
        p.kcal_per_day = Some(range("calories_per_day", v, 800, 6000)?);
        said.push(format!("{v} kcal/{}", ctx.t("day", "día")));
    }
    if let Some(v) = args.protein_g_per_day {
        p.protein_g_per_day = Some(range("protein_g_per_day", v, 10, 400)?);
        said.push(format!("{v} g {}", ctx.t("protein", "proteína")));
    }
    if let Some(v) = args.max_minutes {
        p.max_minutes = Some(range("max_minutes", v, 5, 600)?);
        said.push(format!("{} {v} min", ctx.t("at most", "máximo")));
    }
    if let Some(v) = args.household_size {
        p.household_size = range("household_size", v, 1, 30)?;
        said.push(format!("{v} {}", ctx.t("people", "personas")));
    }
    if let Some(v) = args.budget_per_week {
        if !(v.is_finite() && v > 0.0) {
            return Err(ToolError::invalid(
                "budget_per_week must be a positive number",
            ));
        }
        p.budget_per_week = Some(v);
        said.push(format!("{} {v:.0}", ctx.t("budget", "presupuesto")));
    }
    if let Some(l) = args.language {
        p.language = l
            .parse::<Language>()
            .map_err(|e: String| ToolError::invalid(e))?;
        said.push(format!(
            "{} {}",
            ctx.t("language", "idioma"),
            p.language.code()
        ));
    }
    if let Some(tz) = args.timezone {
        tz.parse::<chrono_tz::Tz>().map_err(|_| {
            ToolError::invalid(format!(
                "unknown timezone \"{tz}\": use a name like Europe/Madrid"
            ))
        })?;
        p.timezone = tz.clone();
        said.push(tz);
    }
    if said.is_empty() {
        return Err(ToolError::invalid(ctx.t(
            "Tell me what to change, like \"we're vegetarian\" or \"2000 calories a day\".",
            "Decime qué cambiar, por ejemplo \"somos vegetarianos\" o \"2000 calorías por día\".",
        )));
    }
    ctx.kitchen
        .update_preferences(ctx.household.id, &before, p.clone(), ctx.now)
        .await?;
    let spanish = p.language == Language::Es;
    let head = if spanish { "Anotado:" } else { "Noted:" };
    Ok(Output::text(format!("{head} {}.", said.join(", "))))
}

pub async fn set_reminder(ctx: &Context<'_>, args: SetReminder) -> ToolResult {
    let local = NaiveDateTime::parse_from_str(args.at.trim(), "%Y-%m-%dT%H:%M").map_err(|_| {
        ToolError::invalid(
            "at must be a local time written YYYY-MM-DDTHH:MM, like 2026-11-26T18:00",
        )
    })?;
    let tz = crate::services::plans::household_tz(&ctx.household);
    let due = tz
        .from_local_datetime(&local)
        .earliest()
        .ok_or_else(|| {
            ToolError::invalid("that local time does not exist (a clock change): pick another")
        })?
        .with_timezone(&chrono::Utc);
    ctx.kitchen
        .add_reminder(
            ctx.household.id,
            Reminder {
                id: 0,
                channel: ctx.channel.clone(),
                chat_id: ctx.chat_id.clone(),
                text: args.text.trim().to_string(),
                due_at: due,
            },
            ctx.now,
        )
        .await?;
    let when = local.format("%d/%m %H:%M");
    Ok(Output {
        text: if ctx.spanish() {
            format!("Te aviso el {when}: {}", args.text.trim())
        } else {
            format!("I'll remind you on {when}: {}", args.text.trim())
        },
        data: json!({"at": args.at, "text": args.text}),
        buttons: Vec::new(),
    })
}

pub async fn create_invite(ctx: &Context<'_>, args: CreateInvite) -> ToolResult {
    let h = ctx.household.id;
    let link = args.link.unwrap_or(false);
    let invite = if link {
        let member = ctx
            .member
            .ok_or_else(|| ToolError::invalid("only a member can link accounts"))?;
        ctx.kitchen.create_link_code(h, member, ctx.now).await?
    } else {
        ctx.kitchen.create_invite(h, ctx.member, ctx.now).await?
    };
    let text = match (link, ctx.spanish()) {
        (false, false) => format!(
            "Invite code: {} (single use, valid 48 hours). The other person sends me \"join {}\".",
            invite.code, invite.code
        ),
        (false, true) => format!(
            "Código de invitación: {} (un solo uso, vale 48 horas). La otra persona me manda \"unirme {}\".",
            invite.code, invite.code
        ),
        (true, false) => format!(
            "Link code: {}. Send \"join {}\" from your other account.",
            invite.code, invite.code
        ),
        (true, true) => format!(
            "Código para vincular: {}. Mandá \"unirme {}\" desde tu otra cuenta.",
            invite.code, invite.code
        ),
    };
    Ok(Output {
        data: json!({"code": invite.code, "expires": invite.expires}),
        text,
        buttons: Vec::new(),
    })
}

pub async fn join_household(ctx: &Context<'_>, args: JoinHousehold) -> ToolResult {
    let identity = ctx
        .identity
        .clone()
        .ok_or_else(|| ToolError::invalid("joining needs a chat account"))?;
    let store = &ctx.kitchen.store;
    // An account belongs to one household: leave the current one first, and
    // come back to it if the code does not work.
    let current = store
        .resolve_identity(&identity)
        .await
        .map_err(crate::services::ServiceError::from)?;
    if let Some((h, _)) = current {
        store
            .unlink_identity(h, &identity)
            .await
            .map_err(crate::services::ServiceError::from)?;
    }
    let name = identity.platform_user_id.clone();
    match ctx
        .kitchen
        .join(&args.code, &name, &identity, ctx.now)
        .await
    {
        Ok(joined) => {
            store
                .bind_chat(&ctx.channel, &ctx.chat_id, joined.household, ctx.now)
                .await
                .map_err(crate::services::ServiceError::from)?;
            let household = store
                .household(joined.household)
                .await
                .map_err(crate::services::ServiceError::from)?;
            let hname = household.map(|h| h.name).unwrap_or_default();
            Ok(Output::text(if ctx.spanish() {
                format!("¡Listo! Ahora sos parte de \"{hname}\".")
            } else {
                format!("Done! You're now part of \"{hname}\".")
            }))
        }
        Err(e) => {
            if let Some((h, m)) = current {
                store
                    .link_identity(h, m, &identity, ctx.now)
                    .await
                    .map_err(crate::services::ServiceError::from)?;
            }
            Err(e.into())
        }
    }
}

pub async fn undo(ctx: &Context<'_>, _args: NoArgs) -> ToolResult {
    let change = ctx
        .kitchen
        .undo(ctx.household.id, ctx.now)
        .await
        .map_err(|e| match e {
            crate::services::ServiceError::NotFound(_) => ToolError::not_found(
                ctx.t("There is nothing to undo.", "No hay nada para deshacer."),
            ),
            other => other.into(),
        })?;
    Ok(Output {
        text: format!("{} {}.", ctx.t("Undone:", "Deshecho:"), change.summary),
        data: json!({"undone": change.summary, "kind": change.kind}),
        buttons: Vec::new(),
    })
}

pub async fn help(ctx: &Context<'_>, _args: NoArgs) -> ToolResult {
    let es = ctx.spanish();
    let mut text = String::from(ctx.t(
        "I plan meals, keep the pantry and the shopping list. Try: \"plan dinners for next week, nothing over 30 minutes\", \"we need 2 lemons and some garlic\", \"we're out of eggs\", \"what can I cook with what I have?\"\n",
        "Planifico comidas y llevo la despensa y la lista de compras. Probá: \"planificá las cenas de la semana que viene, nada de más de 30 minutos\", \"necesitamos 2 limones y ajo\", \"se acabaron los huevos\", \"¿qué puedo cocinar con lo que hay?\"\n",
    ));
    for t in CATALOG.iter().filter(|t| t.name != "help") {
        text.push_str(&format!("• {}\n", t.description(es)));
    }
    Ok(Output::text(text))
}
