//! The file exchange from the command line: `keygen`, `export`, `import`, `verify`, `conflicts`.
//! Thin: each command calls one function of the sync crate and prints its result as JSON on
//! stdout; any refusal also goes to stderr in English and makes the exit code non-zero.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use keukentafel_domain::Sources;
use keukentafel_store::Store;
use keukentafel_sync::{KeyPair, SyncError};

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Write a new age identity file (refuses to overwrite one) and print its public key.
    Keygen {
        #[arg(long)]
        out: PathBuf,
    },
    /// Write an encrypted export file into DIR for the given public keys (and this store's own
    /// key, kept beside the store); prints the file's path. Without --recipient: for the linked
    /// coordinator.
    Export {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// An age public key (age1…) or a file holding one. Repeatable.
        #[arg(long)]
        recipient: Vec<String>,
        /// Use this identity file instead of the one beside the store.
        #[arg(long)]
        identity: Option<PathBuf>,
    },
    /// Verify and import export files; prints a JSON report per file.
    Import {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        identity: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Decrypt and check an export file completely without a store; prints its manifest.
    Verify {
        #[arg(long)]
        identity: PathBuf,
        file: PathBuf,
    },
    /// Print the store's open conflicts as JSON.
    Conflicts {
        #[arg(long)]
        db: PathBuf,
    },
}

fn print_json(value: &impl serde::Serialize) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| e.to_string()),
    }
}

fn store(db: &Path) -> Result<Store, String> {
    if !db.exists() {
        return Err(format!("no store at {}", db.display()));
    }
    Store::open(db, Sources::system()).map_err(|e| e.to_string())
}

fn err(e: SyncError) -> String {
    e.to_string()
}

pub fn run(command: SyncCommand) -> Result<(), String> {
    match command {
        SyncCommand::Keygen { out } => {
            let public = keukentafel_sync::generate_identity_file(&out).map_err(err)?;
            println!("{public}");
            Ok(())
        }
        SyncCommand::Export { db, out, recipient, identity } => {
            let store = store(&db)?;
            let key = match identity {
                Some(path) => KeyPair::read(&path),
                None => keukentafel_sync::load_or_create_identity(&db),
            }
            .map_err(err)?;
            let now = chrono::Utc::now();
            let outcome = if recipient.is_empty() {
                keukentafel_sync::export_to_coordinator(&store, &key, &out, now)
            } else {
                let recipients =
                    recipient.iter().map(|r| keukentafel_sync::recipient_from_arg(r)).collect::<Result<Vec<_>, _>>().map_err(err)?;
                keukentafel_sync::export_for(&store, &key, &recipients, &out, now)
            }
            .map_err(err)?;
            eprintln!("{} ops written for {} recipient(s)", outcome.op_count, outcome.recipients.len());
            println!("{}", outcome.path);
            Ok(())
        }
        SyncCommand::Import { db, identity, files } => {
            let mut store = store(&db)?;
            let key = KeyPair::read(&identity).map_err(err)?;
            let reports = keukentafel_sync::import_files(&mut store, &key, &files, chrono::Utc::now(), |_| {});
            print_json(&reports)?;
            let refused: Vec<String> = reports
                .iter()
                .filter_map(|r| r.refusal.as_ref().map(|f| format!("{}: {}", r.path, f.message_en)))
                .collect();
            if refused.is_empty() {
                Ok(())
            } else {
                Err(format!("{} of {} file(s) refused, the store is unchanged by them:\n  {}", refused.len(), reports.len(), refused.join("\n  ")))
            }
        }
        SyncCommand::Verify { identity, file } => {
            let key = KeyPair::read(&identity).map_err(err)?;
            let verified = keukentafel_sync::verify_file(&key, &file).map_err(|e| format!("{}: {e}", file.display()))?;
            print_json(&verified)
        }
        SyncCommand::Conflicts { db } => {
            let store = store(&db)?;
            print_json(&store.open_conflicts().map_err(|e| e.to_string())?)
        }
    }
}
