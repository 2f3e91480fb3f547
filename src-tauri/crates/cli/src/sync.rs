//! The file exchange from the command line: `keygen`, `key`, `pairing`, `pairing-show`, `status`,
//! `link`, `enroll`, `revoke`, `assign`, `unassign`, `volunteers`, `export`, `return-file`, `import`, `verify`, `conflicts`, `held`, `accept`, `reject`.
//! Thin: each command calls one use case (or, for keys given on
//! the command line, one function of the sync crate) and prints its result as JSON on stdout;
//! any refusal also goes to stderr in English and makes the exit code non-zero.

use std::path::PathBuf;

use clap::Subcommand;
use keukentafel_api::{conflicts, exchange, HeldSelection};
use keukentafel_domain::{HouseholdId, ReplicaId};
use keukentafel_sync::KeyPair;

use crate::{en, existing, print_json, print_line};

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Write a new age identity file (refuses to overwrite one) and print its public key.
    Keygen {
        #[arg(long)]
        out: PathBuf,
    },
    /// Print this store's age public key (made on first use, kept inside the encrypted store).
    ///
    /// With --identity-out FILE, also write the secret age identity to FILE (mode 0600, never
    /// over an existing file), for the reference `age` tool: `age -d -i FILE export.age`. That
    /// file is a copy of the secret in clear text: remove it when done.
    Key {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        identity_out: Option<PathBuf>,
    },
    /// Print this store's pairing code and its fingerprint; with --out, also save the pairing file.
    ///
    /// Prints the code (one line, to paste) and the fingerprint (to read aloud), each on its own
    /// line; the keys are made (inside the store) on first use. With --out, also saves it as
    /// keukentafel-koppelcode.txt in DIR and prints that file's path. Needs a profile.
    Pairing {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Read a pairing code (the line or a pairing file) and print it with its fingerprint as JSON.
    ///
    /// --code is the KTKOPPEL1- line or the path of a pairing file. A bad code is refused with
    /// the reason (non-zero exit). Needs no store and changes nothing.
    PairingShow {
        #[arg(long)]
        code: String,
    },
    /// Print the exchange overview as JSON: own key, coordinator, peers, conflicts, held back.
    Status {
        #[arg(long)]
        db: PathBuf,
    },
    /// Link this (volunteer's) store to its coordinator: the coordinator's pairing code (the
    /// KTKOPPEL1- line or the pairing file). Compare the fingerprint first (`pairing-show`).
    /// Prints the sync overview.
    Link {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        pairing: String,
    },
    /// Enrol a volunteer's installation (coordinator) from its pairing code (line or file),
    /// after comparing the fingerprint with the volunteer's screen; prints the volunteers.
    Enroll {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        pairing: String,
    },
    /// Revoke a volunteer's enrolment: its later files are refused; prints the volunteers.
    Revoke {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        volunteer: ReplicaId,
    },
    /// Give a household to an enrolled volunteer (coordinator): its return files carry that
    /// household from now on; prints the volunteers with their households.
    Assign {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        household: HouseholdId,
        #[arg(long)]
        volunteer: ReplicaId,
    },
    /// Take a household off a volunteer (coordinator): its next return file makes that laptop
    /// forget the household; prints the volunteers with their households.
    Unassign {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        household: HouseholdId,
        #[arg(long)]
        volunteer: ReplicaId,
    },
    /// Print the enrolled volunteers as JSON (with fingerprints, status and households).
    Volunteers {
        #[arg(long)]
        db: PathBuf,
    },
    /// Write an encrypted export file into DIR for the given public keys (and this store's own
    /// key, kept in the store); prints the file's path. Without --recipient: for the linked
    /// coordinator.
    Export {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// An age public key (age1…) or a file holding one. Repeatable.
        #[arg(long)]
        recipient: Vec<String>,
        /// Use this identity file instead of the one kept in the store.
        #[arg(long)]
        identity: Option<PathBuf>,
    },
    /// The coordinator's return file for one enrolled volunteer: only the households given to
    /// it (and what it has not confirmed holding); prints the file's path.
    ReturnFile {
        #[arg(long)]
        db: PathBuf,
        /// The volunteer's installation id (see `peers` in the sync overview).
        #[arg(long)]
        peer: ReplicaId,
        #[arg(long)]
        out: PathBuf,
    },
    /// Verify and import export files; prints a JSON report per file.
    Import {
        #[arg(long)]
        db: PathBuf,
        /// The identity file to decrypt with (default: the one kept in the store).
        #[arg(long)]
        identity: Option<PathBuf>,
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
    /// Print the changes held back for the coordinator as JSON (who, which record and household,
    /// field, value, the date they carry, why they were held).
    Held {
        #[arg(long)]
        db: PathBuf,
    },
    /// Accept held-back changes (by op id, or all): they are merged with their own date. Prints
    /// how many were added.
    Accept {
        #[arg(long)]
        db: PathBuf,
        #[arg(long = "op", value_name = "ID", num_args = 1.., required_unless_present = "all", conflicts_with = "all")]
        ops: Vec<String>,
        #[arg(long)]
        all: bool,
    },
    /// Reject held-back changes (by op id, or all): they are dropped and do not come back when the
    /// same file is imported again. Prints how many were rejected.
    Reject {
        #[arg(long)]
        db: PathBuf,
        #[arg(long = "op", value_name = "ID", num_args = 1.., required_unless_present = "all", conflicts_with = "all")]
        ops: Vec<String>,
        #[arg(long)]
        all: bool,
    },
}

fn selection(ops: Vec<String>, all: bool) -> HeldSelection {
    if all {
        HeldSelection::All
    } else {
        HeldSelection::Ops(ops)
    }
}

fn absolute(p: PathBuf) -> Result<String, String> {
    std::path::absolute(&p).map(|p| p.display().to_string()).map_err(|e| format!("{}: {e}", p.display()))
}

pub fn run(command: SyncCommand) -> Result<(), String> {
    let err = |e: keukentafel_sync::SyncError| en(e.into());
    match command {
        SyncCommand::Keygen { out } => {
            let public = keukentafel_sync::generate_identity_file(&out).map_err(err)?;
            print_line(&public)?;
            Ok(())
        }
        SyncCommand::Key { db, identity_out: None } => {
            print_line(&exchange::overview(&existing(&db)?).map_err(en)?.own_key.to_string())?;
            Ok(())
        }
        SyncCommand::Key { db, identity_out: Some(out) } => {
            print_line(&keukentafel_sync::write_identity_file(&existing(&db)?, &out).map_err(err)?)?;
            Ok(())
        }
        SyncCommand::Enroll { db, pairing } => {
            let mut store = existing(&db)?;
            print_json(&exchange::enrol_volunteer(&mut store, &pairing, chrono::Utc::now()).map_err(en)?)
        }
        SyncCommand::Revoke { db, volunteer } => {
            let mut store = existing(&db)?;
            print_json(&exchange::revoke_volunteer(&mut store, volunteer, chrono::Utc::now()).map_err(en)?)
        }
        SyncCommand::Assign { db, household, volunteer } => {
            let mut store = existing(&db)?;
            let today = chrono::Local::now().date_naive();
            print_json(&exchange::assign_household(&mut store, household, volunteer, today).map_err(en)?)
        }
        SyncCommand::Unassign { db, household, volunteer } => {
            let mut store = existing(&db)?;
            let today = chrono::Local::now().date_naive();
            print_json(&exchange::unassign_household(&mut store, household, volunteer, today).map_err(en)?)
        }
        SyncCommand::Volunteers { db } => print_json(&exchange::volunteers(&existing(&db)?).map_err(en)?),
        SyncCommand::Pairing { db, out } => {
            let store = existing(&db)?;
            let today = chrono::Local::now().date_naive();
            let view = exchange::own_pairing_view(&store, today).map_err(en)?;
            print_line(&format!("{}\n{}", view.code, view.fingerprint))?;
            if let Some(out) = out {
                print_line(&exchange::save_pairing_file(&store, &absolute(out)?, today).map_err(en)?.to_string())?;
            }
            Ok(())
        }
        SyncCommand::PairingShow { code } => print_json(&exchange::read_pairing(&code).map_err(en)?),
        SyncCommand::Status { db } => print_json(&exchange::overview(&existing(&db)?).map_err(en)?),
        SyncCommand::Link { db, pairing } => {
            let mut store = existing(&db)?;
            print_json(&exchange::link_coordinator(&mut store, &pairing).map_err(en)?)
        }
        SyncCommand::Export { db, out, recipient, identity } => {
            let store = existing(&db)?;
            let now = chrono::Utc::now();
            let outcome = match (identity, recipient.is_empty()) {
                (None, true) => exchange::export_to_coordinator(&store, &absolute(out)?, now).map_err(en)?,
                (identity, _) => {
                    let key = match identity {
                        Some(path) => KeyPair::read(&path),
                        None => keukentafel_sync::load_or_create_identity(&store),
                    }
                    .map_err(err)?;
                    if recipient.is_empty() {
                        keukentafel_sync::export_to_coordinator(&store, &key, &out, now)
                    } else {
                        let recipients = recipient
                            .iter()
                            .map(|r| keukentafel_sync::recipient_from_arg(r))
                            .collect::<Result<Vec<_>, _>>()
                            .map_err(err)?;
                        keukentafel_sync::export_for(&store, &key, &recipients, &out, now)
                    }
                    .map_err(err)?
                }
            };
            eprintln!("{} ops written for {} recipient(s)", outcome.op_count, outcome.recipients.len());
            print_line(&outcome.path.to_string())?;
            Ok(())
        }
        SyncCommand::ReturnFile { db, peer, out } => {
            let mut store = existing(&db)?;
            let outcome = exchange::export_return_file(&mut store, peer, &absolute(out)?, chrono::Utc::now()).map_err(en)?;
            eprintln!("{} ops written for {} recipient(s)", outcome.op_count, outcome.recipients.len());
            print_line(&outcome.path.to_string())?;
            Ok(())
        }
        SyncCommand::Import { db, identity, files } => {
            let mut store = existing(&db)?;
            let now = chrono::Utc::now();
            let reports = match identity {
                Some(path) => {
                    let key = KeyPair::read(&path).map_err(err)?;
                    exchange::import_files_with(&mut store, &key, &files, now, |_| {})
                }
                None => exchange::import_files(&mut store, &files, now, |_| {}).map_err(en)?,
            };
            print_json(&reports)?;
            let refused: Vec<String> = reports
                .iter()
                .filter_map(|r| r.refusal.as_ref().map(|f| format!("{}: {}", r.path, f.message_en)))
                .collect();
            if refused.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "{} of {} file(s) refused, the store is unchanged by them:\n  {}",
                    refused.len(),
                    reports.len(),
                    refused.join("\n  ")
                ))
            }
        }
        SyncCommand::Verify { identity, file } => {
            let key = KeyPair::read(&identity).map_err(err)?;
            let verified = keukentafel_sync::verify_file(&key, &file).map_err(|e| format!("{}: {e}", file.display()))?;
            print_json(&verified)
        }
        SyncCommand::Conflicts { db } => {
            let store = existing(&db)?;
            print_json(&conflicts::list(&store).map_err(en)?)
        }
        SyncCommand::Held { db } => print_json(&conflicts::held(&existing(&db)?).map_err(en)?),
        SyncCommand::Accept { db, ops, all } => {
            let accepted = conflicts::accept_held(&mut existing(&db)?, selection(ops, all)).map_err(en)?;
            print_json(&accepted)
        }
        SyncCommand::Reject { db, ops, all } => {
            let rejected = conflicts::reject_held(&mut existing(&db)?, selection(ops, all)).map_err(en)?;
            print_json(&rejected)
        }
    }
}
