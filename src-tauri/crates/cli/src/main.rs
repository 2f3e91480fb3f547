//! `keukentafel-cli`: Keukentafel without a window. Every command calls the same use-case
//! functions as the app (`keukentafel-api`), so a coordinator's whole round — init, import,
//! conflicts, return files — runs headless. Messages are English; data goes to stdout as JSON;
//! any refusal exits non-zero.

mod checklist;
mod demo;
mod sync;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use keukentafel_api::{profile, ApiError};
use keukentafel_domain::{HouseholdId, HouseholdInput, ReplicaId, Role, Sources, TaskQuery, UserProfileInput};
use keukentafel_store::{Passphrase, Store};

#[derive(Parser)]
#[command(name = "keukentafel-cli", version, about = "Keukentafel without a window: the coordinator's round, demo data and data dumps")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// A role on the command line.
#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
enum RoleArg {
    Coordinator,
    EnergyCoach,
    DebtHelpVolunteer,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Coordinator => Role::Coordinator,
            RoleArg::EnergyCoach => Role::EnergyCoach,
            RoleArg::DebtHelpVolunteer => Role::DebtHelpVolunteer,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Create a new store with its user's profile (refuses an existing file); prints the profile.
    Init {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long, default_value = "")]
        organisation: String,
        /// A phone number the households' sheets print beside the name.
        #[arg(long, default_value = "")]
        phone: String,
    },
    /// Write realistic Dutch demo data into a new (or empty) store. Same seed, same content.
    Demo {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 40)]
        households: usize,
        /// Visits per household: a household gets its intake, combined visit and follow-up,
        /// and done contact visits (follow-up kind) up to this number. Default: no extra ones.
        #[arg(long)]
        visits_per_household: Option<usize>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day the demo data is built around (visits before it are done, after it planned).
        #[arg(long, default_value = "2026-11-23")]
        today: NaiveDate,
    },
    /// Print every record as canonical JSON (sorted keys, stable order).
    Dump {
        #[arg(long)]
        db: PathBuf,
        /// Only this household, with the full history of its changes (for an access request).
        #[arg(long)]
        household: Option<HouseholdId>,
    },
    /// Print open tasks (referrals, agreements, follow-up contacts) as JSON, soonest due first,
    /// each with its household's name, `overdue` and the consent it lacks (`missing_consent`).
    Tasks {
        #[arg(long)]
        db: PathBuf,
        /// Only the tasks of this person (case and spaces do not matter).
        #[arg(long)]
        owner: Option<String>,
        /// Only tasks due on or before this day (YYYY-MM-DD).
        #[arg(long)]
        due_before: Option<NaiveDate>,
        /// Also tasks that are closed (done, not needed, no response).
        #[arg(long)]
        all: bool,
    },
    /// Print this installation's export files with their receipts (`export_files`: newest
    /// first, `received_at` null until the coordinator confirmed it) and, per enrolled
    /// volunteer, the files received and the gaps in their numbers (`received_files`), as JSON.
    Receipts {
        #[arg(long)]
        db: PathBuf,
    },
    /// Print the overview (Overzicht) as JSON: households by status and wijk with their ids,
    /// visits this month and quarter, open and overdue tasks by owner, volunteers and their
    /// last file (`stands_out`: never, or more than `--stale-after-days` ago), open conflicts
    /// and held-back changes.
    Overview {
        #[arg(long)]
        db: PathBuf,
        /// Default: the period saved with `settings` (30 days unless changed).
        #[arg(long)]
        stale_after_days: Option<u32>,
        /// The day to count from (default: today).
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// The report for the municipality (Rapportage voor de gemeente) for a period and wijken:
    /// saved as XLSX (`--out FILE.xlsx`) or as one CSV per table (`--format csv --out DIR`), or
    /// printed as JSON without `--out`. Counts under 5 households are shown as "<5".
    Report {
        #[arg(long)]
        db: PathBuf,
        /// First day of the period (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day of the period, included.
        #[arg(long)]
        to: NaiveDate,
        /// Only this wijk (repeat for more); default: every wijk.
        #[arg(long = "wijk")]
        wijken: Vec<String>,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "xlsx")]
        format: FormatArg,
        /// The day the report is made (default: today).
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// Print the stock of materials as JSON (every item with its stock and low-stock warning,
    /// the households' materials against the budget), or record a movement with `--item`.
    Stock {
        #[arg(long)]
        db: PathBuf,
        /// Record a movement of this item: an item id, or a measure id such as `led`.
        #[arg(long, requires = "kind", requires = "quantity")]
        item: Option<String>,
        /// received, corrected (quantity = the number counted) or written_off.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        quantity: Option<u32>,
        /// Default: today.
        #[arg(long)]
        date: Option<NaiveDate>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Erase a household's data everywhere (coordinator only, AVG art. 17): this store forgets
    /// it at once (its backups too), and the next return file of every volunteer who held it
    /// makes that laptop forget it; prints the erasure as JSON. Cannot be undone.
    Erase {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        household: HouseholdId,
        /// Why (kept by the coordinator only).
        #[arg(long)]
        reason: String,
        /// The day the household asked (default: today).
        #[arg(long)]
        requested: Option<NaiveDate>,
    },
    /// A household's own copy (AVG art. 15, inzage): everything this store keeps about it and
    /// every change to it, as one print-ready HTML document in Dutch (print it, or save it as
    /// PDF from a browser). Refuses to replace an existing file unless `--force`.
    Inzage {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        household: HouseholdId,
        /// The HTML file to write (readable by its owner only).
        #[arg(long)]
        out: PathBuf,
        /// Replace the file when it exists.
        #[arg(long)]
        force: bool,
        /// The day the copy is made (default: today).
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// Print the erasures as JSON, each with the laptops that must confirm it and which did.
    Erasures {
        #[arg(long)]
        db: PathBuf,
    },
    /// Confirm by hand that a revoked volunteer's laptop no longer holds an erased household
    /// (it was wiped or handed in): it gets no return files, so it cannot confirm in a file.
    /// Prints the erasure as JSON.
    ConfirmErasure {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        household: HouseholdId,
        #[arg(long)]
        volunteer: ReplicaId,
    },
    /// Print the households past the retention period as JSON (the "te wissen" list; set the
    /// period with `settings --retention-months`).
    Retention {
        #[arg(long)]
        db: PathBuf,
        /// The day to judge on (default: today).
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// Print this installation's settings as JSON, or change them.
    Settings {
        #[arg(long)]
        db: PathBuf,
        /// A volunteer without a file for longer than this stands out (days).
        #[arg(long)]
        stale_after_days: Option<u32>,
        /// The budget for materials per household in euro cents (0: no budget).
        #[arg(long)]
        budget_cents: Option<u32>,
        /// How long a household's data is kept after the last contact, in months (0: no period).
        #[arg(long)]
        retention_months: Option<u32>,
    },
    /// Checklist templates: validate a template file, or evaluate a visit from JSON.
    #[command(subcommand)]
    Checklist(ChecklistCommand),
    /// The file exchange: keygen, key, pairing, pairing-show, status, link, export, return-file,
    /// import, verify, conflicts, held, accept, reject.
    #[command(flatten)]
    Sync(sync::SyncCommand),
    /// Change the store's passphrase: the old one from KEUKENTAFEL_PASSPHRASE (or asked), the new
    /// one from KEUKENTAFEL_NEW_PASSPHRASE (or asked twice). The store is re-encrypted into a
    /// copy that replaces it in one rename: cut off halfway, the old passphrase still opens it.
    Rekey {
        #[arg(long)]
        db: PathBuf,
    },
    /// Test aid for the crash test: add households one by one, printing `saved <id>` after each
    /// commit, until killed or `count` is reached.
    #[command(hide = true)]
    Burst {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
}

/// A report file format on the command line.
#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Xlsx,
    Csv,
}

#[derive(Subcommand)]
enum ChecklistCommand {
    /// Report every error in a template with its place; exit 1 if there is any.
    Validate {
        file: PathBuf,
        /// Reference figures to check `figures.*` and measure ids against (default: built in).
        #[arg(long)]
        figures: Option<PathBuf>,
    },
    /// Evaluate a visit: JSON in (`{household, answers, visit_date}`), the evaluation as JSON out.
    Evaluate {
        #[arg(long)]
        template: PathBuf,
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        figures: Option<PathBuf>,
    },
}

/// The CLI's message for a use case's error: the English text.
/// The English message of a refusal; a form's refusal also names each field with its problem
/// (the CLI has no form to show them under).
pub fn en(e: ApiError) -> String {
    let mut out = e.message_en;
    for f in &e.fields {
        out.push_str(&format!("\n  {}: {}", f.field, f.message_en));
    }
    out
}

/// The environment variable with the store's passphrase (scripts, tests); without it the
/// passphrase is asked on the terminal, without echo.
pub const PASSPHRASE_VAR: &str = "KEUKENTAFEL_PASSPHRASE";
/// `rekey`'s new passphrase.
pub const NEW_PASSPHRASE_VAR: &str = "KEUKENTAFEL_NEW_PASSPHRASE";

/// The passphrase from `var`, or asked on the terminal (twice when `confirm`, for a new one).
fn passphrase_from(var: &str, prompt: &str, confirm: bool) -> Result<Passphrase, String> {
    if let Some(p) = std::env::var_os(var) {
        return p.into_string().map(Passphrase::new).map_err(|_| format!("{var} is not valid UTF-8"));
    }
    if !std::io::stdin().is_terminal() {
        return Err(format!("no passphrase: set {var}, or run this on a terminal to be asked"));
    }
    let first = Passphrase::new(rpassword::prompt_password(prompt).map_err(|e| e.to_string())?);
    if confirm {
        let again = Passphrase::new(rpassword::prompt_password("Type it again: ").map_err(|e| e.to_string())?);
        if again.as_str() != first.as_str() {
            return Err("the two passphrases differ; nothing was changed".into());
        }
    }
    Ok(first)
}

/// The passphrase of the store at `db` (asked twice when the store is still to be made or
/// encrypted).
pub fn passphrase(db: &Path) -> Result<Passphrase, String> {
    let new = !matches!(profile::lock_state(db), Ok(keukentafel_api::LockState::Locked));
    let prompt = if new { format!("New passphrase for {}: ", db.display()) } else { format!("Passphrase for {}: ", db.display()) };
    passphrase_from(PASSPHRASE_VAR, &prompt, new)
}

/// Opens a store that must exist; a missing one gets a message saying how to create it.
pub fn existing(db: &Path) -> Result<Store, String> {
    if !db.exists() {
        return profile::open_existing(db, "", Sources::system()).map_err(en);
    }
    profile::open_existing(db, passphrase(db)?.as_str(), Sources::system()).map_err(en)
}

/// Prints `value` as pretty JSON on stdout; a reader that stops early (`| head`) is not an error.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), String> {
    print_line(&serde_json::to_string_pretty(value).map_err(|e| e.to_string())?)
}

/// Prints one line of text on stdout; a reader that stops early (`| head -n 1`) is not an error.
pub fn print_line(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| e.to_string()),
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Init { db, name, role, organisation, phone } => {
            let input = UserProfileInput { name, organisation, phone, role: role.into() };
            let passphrase = passphrase(&db)?;
            let (_, saved) = profile::init(&db, passphrase.as_str(), Sources::system(), input).map_err(en)?;
            print_json(&saved)
        }
        Command::Demo { db, households, visits_per_household, seed, today } => {
            let passphrase = passphrase(&db)?;
            let summary = demo::write(&db, &passphrase, households, visits_per_household.unwrap_or(0), seed, today)?;
            eprintln!("{summary}");
            Ok(())
        }
        Command::Dump { db, household } => {
            let store = existing(&db)?;
            let value = match household {
                Some(id) => store.dump_household(id),
                None => store.dump(),
            }
            .map_err(|e| en(e.into()))?;
            print_json(&value)
        }
        Command::Tasks { db, owner, due_before, all } => {
            let store = existing(&db)?;
            let query = TaskQuery { owner, due_before, include_closed: all, household_id: None };
            let today = chrono::Local::now().date_naive();
            print_json(&keukentafel_api::tasks::list(&store, &query, today).map_err(en)?)
        }
        Command::Receipts { db } => {
            let store = existing(&db)?;
            print_json(&serde_json::json!({
                "export_files": keukentafel_api::exchange::export_files(&store).map_err(en)?,
                "received_files": keukentafel_api::exchange::received_files(&store).map_err(en)?,
            }))
        }
        Command::Erase { db, household, reason, requested } => {
            let mut store = existing(&db)?;
            let now = chrono::Utc::now();
            let requested = requested.unwrap_or_else(|| chrono::Local::now().date_naive());
            let templates = keukentafel_api::Templates::builtin().map_err(|e| en(e.into()))?;
            print_json(&keukentafel_api::erasure::erase(&mut store, &templates, household, &reason, requested, now).map_err(en)?)
        }
        Command::Inzage { db, household, out, force, today } => {
            let store = existing(&db)?;
            let templates = keukentafel_api::Templates::builtin().map_err(|e| en(e.into()))?;
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            print_json(&keukentafel_api::inzage::save(&store, &templates, household, today, &out, force).map_err(en)?)
        }
        Command::Erasures { db } => print_json(&keukentafel_api::erasure::erasures(&existing(&db)?).map_err(en)?),
        Command::ConfirmErasure { db, household, volunteer } => {
            let mut store = existing(&db)?;
            print_json(&keukentafel_api::erasure::confirm_by_hand(&mut store, household, volunteer, chrono::Utc::now()).map_err(en)?)
        }
        Command::Retention { db, today } => {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            print_json(&keukentafel_api::erasure::retention(&existing(&db)?, today).map_err(en)?)
        }
        Command::Overview { db, stale_after_days, today } => {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            print_json(&keukentafel_api::overview::with_settings(&existing(&db)?, today, stale_after_days).map_err(en)?)
        }
        Command::Report { db, from, to, wijken, out, format, today } => {
            use keukentafel_api::report::{self, ReportFormat, ReportRequest};
            let mut store = existing(&db)?;
            let templates = keukentafel_api::Templates::builtin().map_err(|e| en(e.into()))?;
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            let request = ReportRequest { from, to, wijken };
            let Some(out) = out else {
                return print_json(&report::report(&mut store, &templates, &request, today).map_err(en)?);
            };
            let format = match format {
                FormatArg::Xlsx => ReportFormat::Xlsx,
                FormatArg::Csv => ReportFormat::Csv,
            };
            print_json(&report::save_report(&mut store, &templates, &request, format, &out, today).map_err(en)?)
        }
        Command::Stock { db, item, kind, quantity, date, note } => {
            let mut store = existing(&db)?;
            let templates = keukentafel_api::Templates::builtin().map_err(|e| en(e.into()))?;
            let (Some(item), Some(kind), Some(quantity)) = (item, kind, quantity) else {
                return print_json(&keukentafel_api::stock::overview(&store, &templates).map_err(en)?);
            };
            let item_id = match item.parse() {
                Ok(id) => keukentafel_domain::StockItemId(id),
                Err(_) => keukentafel_domain::stock_item_for_measure(&item),
            };
            let kind: keukentafel_domain::MovementKind =
                serde_json::from_value(serde_json::Value::String(kind.clone())).map_err(|_| format!("unknown --kind {kind}"))?;
            let today = chrono::Local::now().date_naive();
            let input = keukentafel_domain::MovementInput { item_id, kind, quantity, date: date.unwrap_or(today), note };
            print_json(&keukentafel_api::stock::record_movement(&mut store, &templates, input, today).map_err(en)?)
        }
        Command::Settings { db, stale_after_days, budget_cents, retention_months } => {
            let mut store = existing(&db)?;
            let mut settings = keukentafel_api::stock::settings(&store).map_err(en)?;
            if stale_after_days.is_none() && budget_cents.is_none() && retention_months.is_none() {
                return print_json(&settings);
            }
            if let Some(d) = stale_after_days {
                settings.stale_after_days = d;
            }
            if let Some(b) = budget_cents {
                settings.budget_per_household_cents = (b > 0).then_some(b);
            }
            if let Some(m) = retention_months {
                settings.retention_months = (m > 0).then_some(m);
            }
            print_json(&keukentafel_api::stock::save_settings(&mut store, settings).map_err(en)?)
        }
        Command::Checklist(ChecklistCommand::Validate { file, figures }) => checklist::validate(&file, figures.as_deref()),
        Command::Checklist(ChecklistCommand::Evaluate { template, input, figures }) => {
            checklist::evaluate(&template, &input, figures.as_deref())
        }
        Command::Sync(command) => sync::run(command),
        Command::Rekey { db } => {
            let store = existing(&db)?;
            let new = passphrase_from(NEW_PASSPHRASE_VAR, "New passphrase: ", true)?;
            profile::change_passphrase(store, new.as_str(), new.as_str()).map_err(en)?;
            eprintln!("{}: the new passphrase is set", db.display());
            Ok(())
        }
        Command::Burst { db, count } => {
            let mut store = profile::open_store(&db, passphrase(&db)?.as_str(), Sources::system()).map_err(en)?;
            if store.profile().map_err(|e| e.to_string())?.is_none() {
                let input = UserProfileInput { name: "Burst".into(), organisation: String::new(), phone: String::new(), role: Role::Coordinator };
                profile::save(&mut store, input).map_err(en)?;
            }
            let mut out = std::io::stdout().lock();
            for i in 0..count {
                let input = HouseholdInput { name: format!("Burst {i}"), notes: "x".repeat(200 + i % 300), ..Default::default() };
                let h = keukentafel_api::households::create(&mut store, input).map_err(en)?;
                // Reported only after the commit returned: this line is the promise that it is saved.
                writeln!(out, "saved {}", h.id).and_then(|_| out.flush()).map_err(|e| e.to_string())?;
            }
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("keukentafel-cli: {e}");
            ExitCode::FAILURE
        }
    }
}
