//! Plan generation. Hard constraints filter the candidates; the soft goals
//! (calories and protein near the targets, variety, expiring pantry items
//! first, budget, quick weekdays) are one cost that a seeded local search
//! minimises. Deterministic for a seed; another seed gives another good plan.

use super::catalog::{Catalog, STAPLES};
use super::constraints::Constraints;
use super::plan::{Plan, Relaxed, Slot, planned_share};
use super::rng::Rng;
use super::validate::{Targets, goal_findings};
use crate::domain::food::{FoodId, FoodTable};
use crate::domain::household::Language;
use crate::domain::pantry::PantryItem;
use crate::domain::recipe::MealType;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use rustc_hash::FxHashSet;

/// What to plan.
#[derive(Debug, Clone)]
pub struct PlanRequest {
    pub start: NaiveDate,
    pub days: u32,
    pub meals: Vec<MealType>,
    /// How many people each meal serves.
    pub people: u32,
    pub constraints: Constraints,
    pub targets: Targets,
    pub seed: u64,
    /// Today, for "expiring within 3 days".
    pub today: NaiveDate,
    /// The language of the notes on relaxed goals.
    pub language: Language,
}

/// Portion bounds: nobody is served less than 3/4 or more than 1 1/2 servings.
const MIN_PORTION: f64 = 0.75;
const MAX_PORTION: f64 = 1.5;
/// Days within which a pantry item counts as expiring soon.
pub const EXPIRING_SOON_DAYS: u64 = 3;

/// One slot of the search: its day, meal and candidates.
struct SlotSpec {
    date: NaiveDate,
    day: usize,
    meal: MealType,
    weekday: bool,
}

/// A pantry item worth using up.
struct Expiring {
    food: FoodId,
    expires: NaiveDate,
    weight: f64,
}

/// Precomputed facts of one candidate.
#[derive(Clone, Copy, Default)]
struct Cand {
    kcal: f64,
    protein: f64,
    cost: Option<f64>,
    cuisine: u16,
    protein_kind: u16,
    minutes: u32,
    expiring_mask: u64,
    pantry_share: f64,
}

struct Problem<'a> {
    slots: Vec<SlotSpec>,
    /// Eligible recipe positions per slot's meal.
    eligible: Vec<Vec<u32>>,
    cand: Vec<Cand>,
    expiring: Vec<Expiring>,
    days: usize,
    people: f64,
    targets: &'a Targets,
    kcal_day: Option<f64>,
    protein_day: Option<f64>,
    budget: Option<f64>,
}

impl Problem<'_> {
    /// The best portion for a day given its planned kcal per person.
    fn portion(&self, kcal: f64) -> f64 {
        match self.kcal_day {
            Some(t) if kcal > 0.0 => {
                let p = (t / kcal).clamp(MIN_PORTION, MAX_PORTION);
                (p * 4.0).round() / 4.0
            }
            _ => 1.0,
        }
    }

    /// The cost of a full assignment (lower is better).
    fn cost(&self, assign: &[Option<u32>], scratch: &mut Scratch) -> f64 {
        let mut total = 0.0;
        scratch.reset(self.days);
        for (i, s) in self.slots.iter().enumerate() {
            if let Some(r) = assign[i] {
                let c = &self.cand[r as usize];
                scratch.day_kcal[s.day] += c.kcal;
                scratch.day_protein[s.day] += c.protein;
            }
        }
        let Scratch {
            ids,
            day_kcal,
            day_protein,
            portions,
        } = scratch;
        for d in 0..self.days {
            let p = self.portion(day_kcal[d]);
            portions[d] = p;
            if let Some(t) = self.kcal_day {
                let dev = (day_kcal[d] * p - t).abs() / t;
                total += if dev <= 0.10 {
                    dev * 10.0
                } else {
                    1.0 + (dev - 0.10) * 120.0
                };
            }
            if let Some(t) = self.protein_day {
                let short = (0.9 * t - day_protein[d] * p).max(0.0) / t;
                total += short * 40.0;
            }
        }
        // Variety: the same recipe twice, the same cuisine twice a day, the
        // same main protein in consecutive meals.
        ids.clear();
        ids.extend(assign.iter().flatten());
        ids.sort_unstable();
        total += ids.windows(2).filter(|w| w[0] == w[1]).count() as f64 * 40.0;
        let mut prev_protein: Option<(usize, u16)> = None;
        for (i, s) in self.slots.iter().enumerate() {
            let Some(r) = assign[i] else { continue };
            let c = &self.cand[r as usize];
            for (j, t) in self.slots.iter().enumerate().skip(i + 1) {
                if t.day != s.day {
                    break;
                }
                if let Some(r2) = assign[j] {
                    let c2 = &self.cand[r2 as usize];
                    if c.cuisine != 0 && c.cuisine == c2.cuisine {
                        total += 3.0;
                    }
                }
            }
            if matches!(s.meal, MealType::Lunch | MealType::Dinner) {
                if let Some((_, kind)) = prev_protein
                    && kind != 0
                    && kind == c.protein_kind
                {
                    total += 2.5;
                }
                prev_protein = Some((i, c.protein_kind));
            }
            if self.targets.quick_weekdays && s.weekday && c.minutes > 30 {
                total += 4.0 * f64::from(c.minutes - 30) / 30.0;
            }
            total -= 1.5 * c.pantry_share;
        }
        // Expiring items: a bonus for each, once, when a slot on or before
        // its date uses it.
        for (j, item) in self.expiring.iter().enumerate() {
            let bit = 1u64 << j;
            let used_in_time = self.slots.iter().enumerate().any(|(i, s)| {
                s.date <= item.expires
                    && assign[i].is_some_and(|r| self.cand[r as usize].expiring_mask & bit != 0)
            });
            if used_in_time {
                total -= item.weight;
            }
        }
        if let Some(budget) = self.budget {
            let mut cost = 0.0;
            let mut known = true;
            for (i, s) in self.slots.iter().enumerate() {
                if let Some(r) = assign[i] {
                    match self.cand[r as usize].cost {
                        Some(c) => cost += c * self.people * portions[s.day],
                        None => known = false,
                    }
                }
            }
            let budget = budget * self.days as f64 / 7.0;
            if known && cost > budget {
                total += 60.0 * (cost - budget) / budget;
            }
        }
        total
    }
}

/// Buffers reused across cost evaluations.
#[derive(Default)]
struct Scratch {
    ids: Vec<u32>,
    day_kcal: Vec<f64>,
    day_protein: Vec<f64>,
    portions: Vec<f64>,
}

impl Scratch {
    fn reset(&mut self, days: usize) {
        for v in [&mut self.day_kcal, &mut self.day_protein] {
            v.clear();
            v.resize(days, 0.0);
        }
        self.portions.clear();
        self.portions.resize(days, 1.0);
    }
}

/// Builds the search problem for a request.
fn problem<'a>(
    req: &'a PlanRequest,
    catalog: &Catalog,
    pantry: &[PantryItem],
    table: &FoodTable,
) -> Problem<'a> {
    let mut slots = Vec::new();
    let mut meals = req.meals.clone();
    meals.sort();
    meals.dedup();
    for d in 0..req.days {
        let date = req.start + Days::new(u64::from(d));
        for meal in &meals {
            slots.push(SlotSpec {
                date,
                day: d as usize,
                meal: *meal,
                weekday: !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
            });
        }
    }
    let end = req.start + Days::new(u64::from(req.days.max(1) - 1));
    let soon = req.today + Days::new(EXPIRING_SOON_DAYS);
    let mut expiring: Vec<Expiring> = pantry
        .iter()
        .filter_map(|item| {
            let expires = item.expires?;
            if expires < req.today || expires > end {
                return None;
            }
            let food = table.food_in(&item.name)?.id;
            Some(Expiring {
                food,
                expires,
                weight: if expires <= soon { 8.0 } else { 3.0 },
            })
        })
        .collect();
    expiring.sort_by_key(|e| e.expires);
    expiring.dedup_by_key(|e| e.food);
    expiring.truncate(64);
    let on_hand: FxHashSet<FoodId> = pantry
        .iter()
        .filter_map(|i| table.food_in(&i.name).map(|f| f.id))
        .collect();
    let staples: FxHashSet<FoodId> = STAPLES
        .iter()
        .filter_map(|s| table.lookup(s).map(|f| f.id))
        .collect();

    let mut cand = vec![Cand::default(); catalog.len()];
    let mut per_meal: Vec<(MealType, Vec<u32>)> = Vec::new();
    for meal in &meals {
        let mut list = Vec::new();
        for (i, f) in catalog.facts.iter().enumerate() {
            if req.constraints.allows(f, *meal) {
                list.push(i as u32);
            }
        }
        per_meal.push((*meal, list));
    }
    let mut seen = vec![false; catalog.len()];
    for (_, list) in &per_meal {
        for &i in list {
            if seen[i as usize] {
                continue;
            }
            seen[i as usize] = true;
            let f = &catalog.facts[i as usize];
            let mut mask = 0u64;
            for (j, e) in expiring.iter().enumerate() {
                if f.uses(e.food) {
                    mask |= 1 << j;
                }
            }
            let relevant: Vec<&FoodId> = f.foods.iter().filter(|x| !staples.contains(x)).collect();
            let share = if relevant.is_empty() {
                0.0
            } else {
                relevant.iter().filter(|x| on_hand.contains(x)).count() as f64
                    / relevant.len() as f64
            };
            cand[i as usize] = Cand {
                kcal: f.kcal,
                protein: f.protein_g,
                cost: f.cost,
                cuisine: f.cuisine,
                protein_kind: f.protein_kind,
                minutes: f.minutes,
                expiring_mask: mask,
                pantry_share: share,
            };
        }
    }
    let eligible = slots
        .iter()
        .map(|s| {
            per_meal
                .iter()
                .find(|(m, _)| *m == s.meal)
                .map(|(_, l)| l.clone())
                .unwrap_or_default()
        })
        .collect();
    let share = planned_share(&meals);
    Problem {
        slots,
        eligible,
        cand,
        expiring,
        days: req.days as usize,
        people: f64::from(req.people.max(1)),
        targets: &req.targets,
        kcal_day: req
            .targets
            .kcal_per_day
            .filter(|k| *k > 0.0)
            .map(|k| k * share),
        protein_day: req
            .targets
            .protein_per_day
            .filter(|p| *p > 0.0)
            .map(|p| p * share),
        budget: req.targets.budget_per_week.filter(|b| *b > 0.0),
    }
}

/// Generates a plan. Hard constraints are never broken: a slot no recipe
/// fits stays empty, and `relaxed` says so, along with every goal the plan
/// could not meet and why.
pub fn generate(
    req: &PlanRequest,
    catalog: &Catalog,
    pantry: &[PantryItem],
    table: &FoodTable,
) -> Plan {
    let p = problem(req, catalog, pantry, table);
    let mut rng = Rng::new(req.seed);
    let n = p.slots.len();
    let mut assign: Vec<Option<u32>> = vec![None; n];
    let mut scratch = Scratch::default();

    // Greedy start: each slot takes the best of a random sample.
    for i in 0..n {
        let pool = &p.eligible[i];
        if pool.is_empty() {
            continue;
        }
        let samples = pool.len().min(24);
        let mut best: Option<(f64, u32)> = None;
        for _ in 0..samples {
            let r = pool[rng.below(pool.len())];
            assign[i] = Some(r);
            // Later slots are still empty, so this is the cost so far.
            let c = p.cost(&assign, &mut scratch) + greedy_kcal_hint(&p, i, r);
            if best.is_none_or(|(bc, _)| c < bc) {
                best = Some((c, r));
            }
        }
        assign[i] = best.map(|(_, r)| r);
    }

    // Local search with a cooling acceptance of worse moves.
    let mut current = p.cost(&assign, &mut scratch);
    let mut best_assign = assign.clone();
    let mut best_cost = current;
    let movable: Vec<usize> = (0..n).filter(|i| !p.eligible[*i].is_empty()).collect();
    if !movable.is_empty() {
        let iterations = 1500 + 120 * n;
        for it in 0..iterations {
            let temp = 2.0 * (1.0 - it as f64 / iterations as f64) + 0.01;
            let i = movable[rng.below(movable.len())];
            let old_i = assign[i];
            let swap_with = if rng.unit() < 0.2 {
                let j = movable[rng.below(movable.len())];
                (j != i && p.slots[j].meal == p.slots[i].meal).then_some(j)
            } else {
                None
            };
            let old_j = swap_with.map(|j| assign[j]);
            match swap_with {
                Some(j) => assign.swap(i, j),
                None => assign[i] = Some(p.eligible[i][rng.below(p.eligible[i].len())]),
            }
            let next = p.cost(&assign, &mut scratch);
            if next <= current || rng.unit() < (-(next - current) / temp).exp() {
                current = next;
                if current < best_cost {
                    best_cost = current;
                    best_assign.clone_from(&assign);
                }
            } else {
                assign[i] = old_i;
                if let (Some(j), Some(o)) = (swap_with, old_j) {
                    assign[j] = o;
                }
            }
        }
    }
    let assign = best_assign;

    // The plan, with each day's portion.
    let mut day_kcal = vec![0.0; p.days];
    for (i, s) in p.slots.iter().enumerate() {
        if let Some(r) = assign[i] {
            day_kcal[s.day] += p.cand[r as usize].kcal;
        }
    }
    let slots: Vec<Slot> = p
        .slots
        .iter()
        .enumerate()
        .map(|(i, s)| Slot {
            date: s.date,
            meal: s.meal,
            recipe: assign[i].map(|r| catalog.recipes[r as usize].id().to_string()),
            people: req.people.max(1),
            servings: f64::from(req.people.max(1))
                * if assign[i].is_some() {
                    p.portion(day_kcal[s.day])
                } else {
                    0.0
                },
            cooked: false,
            leftover_of: None,
        })
        .collect();
    let mut meals = req.meals.clone();
    meals.sort();
    meals.dedup();
    let mut plan = Plan {
        start: req.start,
        days: req.days,
        meals,
        slots,
        relaxed: Vec::new(),
    };
    plan.relaxed = relaxations(&plan, req, &p, catalog);
    plan
}

/// During the greedy start, favour recipes near the slot's share of the
/// day's target so the search starts close.
fn greedy_kcal_hint(p: &Problem, i: usize, r: u32) -> f64 {
    let Some(day) = p.kcal_day else { return 0.0 };
    let meals_in_day = p
        .slots
        .iter()
        .filter(|s| s.day == p.slots[i].day)
        .count()
        .max(1) as f64;
    let want = day / meals_in_day;
    ((p.cand[r as usize].kcal - want).abs() / want).min(2.0) * 4.0
}

/// Why goals were relaxed: empty slots, unavoidable repeats, and every goal
/// outside tolerance.
fn relaxations(plan: &Plan, req: &PlanRequest, p: &Problem, catalog: &Catalog) -> Vec<Relaxed> {
    let mut out = Vec::new();
    for meal in &plan.meals {
        let slots: Vec<usize> = (0..p.slots.len())
            .filter(|i| p.slots[*i].meal == *meal)
            .collect();
        let Some(&first) = slots.first() else {
            continue;
        };
        let pool = p.eligible[first].len();
        let what = req.constraints.describe(*meal, req.language);
        let n = slots.len();
        let es = req.language.is_spanish();
        if pool == 0 {
            out.push(Relaxed {
                goal: "slot".into(),
                message: if es {
                    format!(
                        "No hay ninguna receta {what} en el catálogo; quedan vacíos los {n} huecos de {}. Importá o agregá una, o aflojá algún límite.",
                        meal.name_es()
                    )
                } else {
                    format!(
                        "No recipe in the catalog is {what}; the {n} {meal} slots are empty. Import or add one, or loosen a limit."
                    )
                },
            });
        } else if pool < n {
            out.push(Relaxed {
                goal: "variety".into(),
                message: if es {
                    format!(
                        "Solo hay {pool} {} de receta {what}, así que se repiten recetas en los {n} huecos de {}.",
                        if pool == 1 { "opción" } else { "opciones" },
                        meal.name_es()
                    )
                } else {
                    format!("Only {pool} recipes are {what}, so some of the {n} {meal}s repeat.")
                },
            });
        }
    }
    for finding in goal_findings(plan, &req.targets, catalog, req.language) {
        if out.iter().any(|r| r.goal == finding.goal) && finding.goal == "variety" {
            continue;
        }
        out.push(Relaxed {
            goal: finding.goal.to_string(),
            message: finding.message,
        });
    }
    out
}

/// Picks a recipe for one slot of an existing plan among `candidates`
/// (catalog positions that already meet the hard constraints): close to
/// the day's calorie target, not already in the plan, another cuisine than
/// the rest of the day; `seed` breaks ties differently each time.
pub fn pick_replacement(
    plan: &Plan,
    date: NaiveDate,
    meal: MealType,
    candidates: &[usize],
    catalog: &Catalog,
    targets: &Targets,
    seed: u64,
) -> Option<usize> {
    let mut rng = Rng::new(seed);
    let share = planned_share(&plan.meals);
    let portion = plan
        .slot(date, meal)
        .map_or(1.0, |s| if s.portion() > 0.0 { s.portion() } else { 1.0 });
    let others: Vec<&Slot> = plan
        .slots
        .iter()
        .filter(|s| s.date == date && s.meal != meal)
        .collect();
    let other_kcal: f64 = others
        .iter()
        .map(|s| super::plan::slot_nutrition(s, catalog).kcal)
        .sum();
    let in_plan: FxHashSet<&str> = plan
        .slots
        .iter()
        .filter_map(|s| s.recipe.as_deref())
        .collect();
    let day_cuisines: Vec<u16> = others
        .iter()
        .filter_map(|s| catalog.position(s.recipe.as_deref()?))
        .map(|p| catalog.facts[p].cuisine)
        .collect();
    candidates
        .iter()
        .map(|&p| {
            let f = &catalog.facts[p];
            let mut cost = rng.unit() * 0.5;
            if let Some(kcal) = targets.kcal_per_day.filter(|k| *k > 0.0) {
                let target = kcal * share;
                cost += ((other_kcal + f.kcal * portion - target).abs() / target) * 10.0;
            }
            if in_plan.contains(catalog.recipes[p].id()) {
                cost += 40.0;
            }
            if f.cuisine != 0 && day_cuisines.contains(&f.cuisine) {
                cost += 3.0;
            }
            (cost, p)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p)| p)
}
