//! Every error reaches the UI with its code and both languages.

use std::path::PathBuf;

use rstest::rstest;

use super::*;
use super::texts::grouped;
use keukentafel_sync::PairingProblem;

#[rstest]
#[case(StoreError::NewerVersion { path: PathBuf::from("/x/k.sqlite3"), found: 9, supported: 2 }, ErrorCode::StoreUnusable, "nieuwere versie van Keukentafel")]
#[case(StoreError::Damaged { path: PathBuf::new(), detail: "x".into() }, ErrorCode::StoreUnusable, "beschadigd")]
#[case(StoreError::Foreign { path: PathBuf::new() }, ErrorCode::StoreUnusable, "ander programma")]
#[case(StoreError::Busy, ErrorCode::StoreBusy, "al open")]
#[case(StoreError::Io("disk full".into()), ErrorCode::StoreIo, "schijf vol")]
#[case(StoreError::DiskFull("k.sqlite3: database or disk is full".into()), ErrorCode::StoreIo, "De schijf is vol")]
#[case(StoreError::ReadOnly("k.sqlite3".into()), ErrorCode::StoreIo, "alleen-lezen")]
#[case(StoreError::NotFound { entity: "held op", id: "1".into() }, ErrorCode::NotFound, "achtergehouden wijziging")]
#[case(StoreError::NoProfile, ErrorCode::NoProfile, "Profiel")]
#[case(StoreError::NotFound { entity: "visit", id: "1".into() }, ErrorCode::NotFound, "Dit bezoek")]
#[case(StoreError::Data("bad json".into()), ErrorCode::Internal, "ging iets mis")]
#[case(StoreError::Unreadable { entity: "household", id: "1".into(), reason: "x".into() }, ErrorCode::NotFound, "Dit huishouden kan Keukentafel niet lezen")]
fn store_errors_reach_the_ui_with_a_code_and_dutch(#[case] e: StoreError, #[case] code: ErrorCode, #[case] nl: &str) {
    let (copy_nl, copy_code, copy_en) = store_message(&e);
    let api = ApiError::from(e);
    assert_eq!(api.code, code);
    assert!(api.message.contains(nl), "{}", api.message);
    assert!(!api.message_en.is_empty());
    assert_eq!((copy_nl, copy_code, copy_en), (api.message, api.code, api.message_en), "a borrowed store error reads the same");
}

#[test]
fn every_code_is_listed_once() {
    use ts_rs::TS;
    let decl = ErrorCode::decl(&ts_rs::Config::default());
    assert_eq!(decl.matches('"').count() / 2, ErrorCode::ALL.len(), "ErrorCode::ALL misses a code: {decl}");
    let mut seen = std::collections::BTreeSet::new();
    assert!(ErrorCode::ALL.iter().all(|c| seen.insert(format!("{c:?}"))));
}

#[test]
fn a_path_is_shown_only_when_known() {
    let api = ApiError::from(StoreError::Damaged { path: PathBuf::new(), detail: "x".into() });
    assert!(!api.message.contains("()"), "{}", api.message);
    let api = ApiError::from(StoreError::Foreign { path: PathBuf::from("/home/a/recepten.db") });
    assert!(api.message.contains("(/home/a/recepten.db)"), "{}", api.message);
}

#[test]
fn every_rule_has_both_languages_and_the_field_keeps_its_code() {
    let rules = [
        Rule::HouseholdNameRequired,
        Rule::ProfileNameRequired,
        Rule::ConsentTextVersionRequired,
        Rule::TaskWhatRequired,
        Rule::NotOnVisit,
        Rule::FollowUpBeforeVisit,
        Rule::VisitCancelled,
        Rule::TooLong { max: 120 },
        Rule::PostcodeFormat,
        Rule::PhoneFormat,
        Rule::PeopleRange { max: 30 },
        Rule::AtLeastOnePerson,
        Rule::TimeFormat,
        Rule::TooManyVolunteers { max: 6 },
        Rule::ConsentDateInFuture,
        Rule::DoneVisitInFuture,
        Rule::VisitHouseholdFixed,
        Rule::FolderNotUsable,
        Rule::StockNameRequired,
        Rule::QuantityRange { min: 1, max: 10_000 },
        Rule::MovementDateInFuture,
        Rule::UnknownStockItem,
        Rule::SettingRange { min: 1, max: 366 },
        Rule::InvalidValue,
    ];
    for rule in rules {
        let f = FieldError::from(&FieldProblem::new("x", rule));
        assert!(!f.message.is_empty() && !f.message_en.is_empty() && f.message != f.message_en, "{rule:?}");
        assert_eq!(f.code, rule.code());
    }
    let api = ApiError::from(ValidationErrors::one("postcode", Rule::PostcodeFormat));
    assert_eq!(api.code, ErrorCode::Validation);
    assert!(api.fields[0].message.contains("vier cijfers"));
}

#[test]
fn every_pairing_problem_has_its_own_words() {
    let mut dutch = std::collections::BTreeSet::new();
    let mut english = std::collections::BTreeSet::new();
    for problem in PairingProblem::ALL {
        let e = SyncError::InvalidPairing(problem);
        assert_eq!(e.code(), SyncErrorCode::InvalidPairing);
        let api = ApiError::from(e);
        assert_eq!(api.code, ErrorCode::InvalidPairing, "{problem:?}");
        assert!(api.message.ends_with("Er is niets veranderd."), "{}", api.message);
        assert!(dutch.insert(api.message.clone()), "{problem:?} shares its Dutch words: {}", api.message);
        assert!(english.insert(api.message_en.clone()), "{problem:?} shares its English words: {}", api.message_en);
    }
}

#[test]
fn key_and_signature_errors_reach_the_ui() {
    for (e, code, nl) in [
        (SyncError::InvalidSigningKey("x".into()), ErrorCode::InvalidKey, "ondertekensleutel"),
        (SyncError::InvalidSigningPublicKey("x".into()), ErrorCode::InvalidKey, "ktsig1:"),
        (SyncError::BadSignature, ErrorCode::ExportRefused, "handtekening"),
    ] {
        let api = ApiError::from(e);
        assert_eq!(api.code, code);
        assert!(api.message.contains(nl), "{}", api.message);
    }
    assert_eq!(Refusal::from(&SyncError::BadSignature).code, SyncErrorCode::BadSignature);
}

#[test]
fn each_limit_has_its_own_code_and_words() {
    const MIB: u64 = 1024 * 1024;
    let big = Refusal::from(&SyncError::TooLarge { bytes: 300 * MIB + 1, limit: 256 * MIB });
    assert_eq!(big.code, SyncErrorCode::ExportTooLarge);
    assert!(big.message.contains("te groot") && big.message.contains("301 MB") && big.message.contains("256 MB"), "{}", big.message);
    assert!(big.message_en.contains("too large") && big.message_en.contains("256 MB"), "{}", big.message_en);
    let many = Refusal::from(&SyncError::TooManyOps { count: 2_000_001, limit: 2_000_000 });
    assert_eq!(many.code, SyncErrorCode::ExportTooManyOps);
    assert!(many.message.contains("te veel wijzigingen") && many.message.contains("2.000.001"), "{}", many.message);
    assert!(many.message_en.contains("too many changes") && many.message_en.contains("2,000,000"), "{}", many.message_en);
    for r in [&big, &many] {
        assert!(r.message.contains("niets veranderd") && r.message_en.contains("Nothing was changed"));
    }
    assert_eq!(ApiError::from(SyncError::TooManyOps { count: 3, limit: 2 }).code, ErrorCode::ExportRefused);
    assert_eq!(grouped(999, '.'), "999");
    assert_eq!(grouped(1_000, '.'), "1.000");
}

#[test]
fn a_full_disk_and_a_read_only_store_are_told_apart() {
    let full = Refusal::from(&SyncError::Store(StoreError::DiskFull("backup: disk I/O error".into())));
    let read_only = Refusal::from(&SyncError::Store(StoreError::ReadOnly("/x/k.sqlite3".into())));
    assert_eq!((full.code, read_only.code), (SyncErrorCode::Store, SyncErrorCode::Store));
    assert!(full.message.contains("vol") && full.message_en.contains("disk is full"), "{full:?}");
    assert!(read_only.message.contains("alleen-lezen") && read_only.message_en.contains("read-only"), "{read_only:?}");
    assert_ne!(full.message, read_only.message);
}

#[test]
fn refusals_keep_their_exact_reason() {
    let r = Refusal::from(&SyncError::Truncated("cut".into()));
    assert_eq!(r.code, SyncErrorCode::ExportTruncated);
    assert!(r.message.contains("niet compleet") && r.message.contains("niets veranderd"));
    let api = ApiError::from(SyncError::WrongKey);
    assert_eq!(api.code, ErrorCode::ExportRefused);
    let api = ApiError::from(SyncError::Store(StoreError::Busy));
    assert_eq!(api.code, ErrorCode::StoreBusy);
}

#[test]
fn an_invalid_op_names_its_line_in_both_languages() {
    let e = SyncError::InvalidOp { line: 7, reason: "household.adults -5 is outside 0 to 30".into() };
    let r = Refusal::from(&e);
    assert_eq!(r.code, SyncErrorCode::ExportInvalidOp);
    assert!(r.message.contains("regel 7") && r.message.ends_with("Er is niets veranderd aan je gegevens."), "{}", r.message);
    assert!(r.message_en.contains("line 7") && r.message_en.contains("household.adults"), "{}", r.message_en);
    assert_eq!(ApiError::from(e).code, ErrorCode::ExportRefused);
}
