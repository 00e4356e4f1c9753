//! Pantry and shopping-list tools.

use super::{Context, Output, ToolError, ToolResult, date_arg};
use crate::domain::units::Unit;
use crate::services::items::{ItemOutcome, ItemSpec};
use kecarajocomer_channel::Button;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

/// No arguments.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct NoArgs {}

/// One item as a person names it.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Item {
    /// The food (or thing), in English or Spanish: "eggs", "harina".
    pub name: String,
    pub quantity: Option<f64>,
    /// A unit symbol: g, kg, ml, l, tsp, tbsp, cup, oz, lb, fl_oz, pinch, clove, can, bunch. Absent for counted things.
    pub unit: Option<String>,
    /// Expiry date, YYYY-MM-DD.
    pub expires: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Items {
    pub items: Vec<Item>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct ShowPantry {
    /// Only what expires within this many days.
    pub expiring_within_days: Option<u32>,
}

fn specs(items: Vec<Item>) -> Result<Vec<ItemSpec>, ToolError> {
    if items.is_empty() {
        return Err(ToolError::invalid("items: name at least one item"));
    }
    items
        .into_iter()
        .map(|i| {
            let unit = match i
                .unit
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty() && *u != "piece")
            {
                Some(u) => Some(
                    u.parse::<Unit>()
                        .map_err(|e| ToolError::invalid(e.to_string()))?,
                ),
                None => None,
            };
            if i.quantity.is_some_and(|q| !(q.is_finite() && q > 0.0)) {
                return Err(ToolError::invalid(format!(
                    "the quantity of {} must be a positive number",
                    i.name
                )));
            }
            if i.name.trim().is_empty() {
                return Err(ToolError::invalid("every item needs a name"));
            }
            Ok(ItemSpec {
                name: i.name.trim().to_string(),
                quantity: i.quantity,
                unit,
                expires: i
                    .expires
                    .as_deref()
                    .map(|d| date_arg("expires", d))
                    .transpose()?,
            })
        })
        .collect()
}

fn describe(ctx: &Context<'_>, out: &[ItemOutcome]) -> String {
    out.iter()
        .map(|o| match o.quantity {
            Some(q) => format!(
                "{} {}",
                q.display(ctx.spanish()),
                crate::render::food_name(&o.name, ctx.spanish(), Some(q))
            ),
            None => crate::render::food_name(&o.name, ctx.spanish(), None),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn data(out: &[ItemOutcome]) -> serde_json::Value {
    json!(
        out.iter()
            .map(|o| json!({"name": o.name, "quantity": o.quantity, "short": o.short}))
            .collect::<Vec<_>>()
    )
}

fn undo_button(ctx: &Context<'_>) -> Vec<Vec<Button>> {
    vec![vec![Button {
        label: ctx.t("Undo", "Deshacer").into(),
        data: "undo".into(),
    }]]
}

pub async fn add_to_pantry(ctx: &Context<'_>, args: Items) -> ToolResult {
    let out = ctx
        .kitchen
        .pantry_add_items(ctx.household.id, &specs(args.items)?, ctx.now)
        .await?;
    Ok(Output {
        text: format!(
            "{} {}",
            ctx.t("In the pantry:", "En la despensa:"),
            describe(ctx, &out)
        ),
        data: data(&out),
        buttons: undo_button(ctx),
    })
}

pub async fn remove_from_pantry(ctx: &Context<'_>, args: Items) -> ToolResult {
    let out = ctx
        .kitchen
        .pantry_remove_items(ctx.household.id, &specs(args.items)?, ctx.now)
        .await?;
    let mut text = format!(
        "{} {}",
        ctx.t("Taken out of the pantry:", "Saqué de la despensa:"),
        describe(ctx, &out)
    );
    let short: Vec<String> = out
        .iter()
        .filter_map(|o| {
            o.short
                .map(|s| format!("{} {}", s.display(ctx.spanish()), o.name))
        })
        .collect();
    if !short.is_empty() {
        text.push_str(&format!(
            ". {} {}",
            ctx.t("There wasn't enough:", "No alcanzaba:"),
            short.join(", ")
        ));
    }
    let names: Vec<String> = out.iter().map(|o| o.name.clone()).collect();
    let mut buttons = undo_button(ctx);
    if let Some(first) = names.first() {
        buttons[0].insert(
            0,
            Button {
                label: ctx.t("Add to list", "A la lista").into(),
                data: format!("al|{}", first.chars().take(58).collect::<String>()),
            },
        );
    }
    Ok(Output {
        text,
        data: data(&out),
        buttons,
    })
}

pub async fn show_pantry(ctx: &Context<'_>, args: ShowPantry) -> ToolResult {
    let mut items = ctx.kitchen.pantry_list(ctx.household.id).await?;
    if let Some(days) = args.expiring_within_days {
        let until = ctx.today + chrono::Days::new(u64::from(days));
        items.retain(|i| i.expires.is_some_and(|d| d <= until));
    }
    if items.is_empty() {
        return Ok(Output::text(match args.expiring_within_days {
            Some(_) => ctx.t("Nothing expires that soon.", "No vence nada tan pronto."),
            None => ctx.t(
                "The pantry is empty. Tell me what you have, like \"we have 2 kg of rice\".",
                "La despensa está vacía. Contame qué hay, por ejemplo \"tenemos 2 kg de arroz\".",
            ),
        }));
    }
    let mut text = String::new();
    for i in &items {
        let q = crate::domain::quantity::Quantity::new(i.amount, i.unit);
        text.push_str(&format!(
            "• {} {}",
            q.display(ctx.spanish()),
            crate::render::food_name(&i.name, ctx.spanish(), Some(q))
        ));
        if let Some(d) = i.expires {
            text.push_str(&format!(
                " ({} {})",
                ctx.t("expires", "vence"),
                d.format("%d/%m")
            ));
        }
        text.push('\n');
    }
    Ok(Output {
        data: serde_json::to_value(&items).unwrap_or_default(),
        text,
        buttons: Vec::new(),
    })
}

pub async fn add_to_shopping_list(ctx: &Context<'_>, args: Items) -> ToolResult {
    let out = ctx
        .kitchen
        .shopping_add_items(ctx.household.id, &specs(args.items)?, ctx.now)
        .await?;
    Ok(Output {
        text: format!(
            "{} {}",
            ctx.t("On the list:", "En la lista:"),
            describe(ctx, &out)
        ),
        data: data(&out),
        buttons: undo_button(ctx),
    })
}

pub async fn show_shopping_list(ctx: &Context<'_>, _args: NoArgs) -> ToolResult {
    let items = ctx.kitchen.shopping_list(ctx.household.id).await?;
    let open: Vec<_> = items.iter().filter(|i| !i.checked).cloned().collect();
    if open.is_empty() {
        return Ok(Output::text(ctx.t(
            "The shopping list is empty.",
            "La lista de compras está vacía.",
        )));
    }
    let text = crate::render::shopping_text(&open, ctx.spanish());
    let buttons = open
        .iter()
        .take(6)
        .map(|i| Button {
            label: format!("✓ {}", i.name.chars().take(24).collect::<String>()),
            data: format!("co|{}", i.name.chars().take(58).collect::<String>()),
        })
        .collect::<Vec<_>>()
        .chunks(2)
        .map(|c| c.to_vec())
        .collect();
    Ok(Output {
        data: serde_json::to_value(&open).unwrap_or_default(),
        text,
        buttons,
    })
}

pub async fn check_off(ctx: &Context<'_>, args: Items) -> ToolResult {
    let out = ctx
        .kitchen
        .check_off_items(ctx.household.id, &specs(args.items)?, ctx.now)
        .await?;
    Ok(Output {
        text: format!(
            "{} {} ({})",
            ctx.t("Checked off:", "Tachado:"),
            describe(ctx, &out),
            ctx.t("now in the pantry", "ya en la despensa")
        ),
        data: data(&out),
        buttons: undo_button(ctx),
    })
}
