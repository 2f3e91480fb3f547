//! Pairing codes and fingerprints, tried as an attacker would: real files in temp dirs, every
//! kind of bad code refused with its own reason, and no change to a code that keeps the
//! fingerprint while changing a key.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::NaiveDate;
use keukentafel_domain::{ReplicaId, Role, UserId, UserProfile};
use keukentafel_sync::pairing::MAX_PAIRING_BYTES;
use keukentafel_sync::{
    fingerprint, pairing_from_arg, parse_pairing, read_pairing_file, save_pairing_file, KeyPair, Pairing,
    PairingProblem, SigningKey, SyncError, PAIRING_FILE,
};
use serde_json::{json, Value};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn replica(n: u8) -> ReplicaId {
    ReplicaId(uuid::Uuid::from_bytes([n; 16]))
}

fn pairing_with(name: &str, role: Role, replica: ReplicaId, age: &KeyPair, signing: &SigningKey) -> Pairing {
    Pairing::new(name, role, "Energiebank Noord", replica, age.recipient(), signing.public(), day()).unwrap()
}

fn sample() -> Pairing {
    // An id with letters, so that an upper-case spelling differs.
    pairing_with("Anna de Vries", Role::EnergyCoach, replica(0xab), &KeyPair::generate(), &SigningKey::generate())
}

/// The JSON inside a line.
fn json_of(p: &Pairing) -> Value {
    let line = p.to_line();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(line.strip_prefix("KTKOPPEL1-").unwrap()).unwrap()).unwrap()
}

fn line_of(json: &Value) -> String {
    line_of_bytes(json.to_string().as_bytes())
}

fn line_of_bytes(bytes: &[u8]) -> String {
    format!("KTKOPPEL1-{}", URL_SAFE_NO_PAD.encode(bytes))
}

fn problem(text: &str) -> PairingProblem {
    match parse_pairing(text) {
        Err(SyncError::InvalidPairing(p)) => p,
        other => panic!("expected a refused pairing for {text:?}, got {other:?}"),
    }
}

#[test]
fn the_line_and_the_file_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let p = sample();
    let line = p.to_line();
    assert!(line.starts_with("KTKOPPEL1-") && !line.contains(char::is_whitespace), "{line}");
    assert!(line.len() < 1024, "short enough to paste: {} characters", line.len());
    assert_eq!(parse_pairing(&line).unwrap(), p);
    assert_eq!(parse_pairing(&format!("  {line}\r\n")).unwrap(), p, "surrounding whitespace of a paste");

    let path = save_pairing_file(&p, dir.path()).unwrap();
    assert_eq!(path, dir.path().join(PAIRING_FILE));
    assert_eq!(path.file_name().unwrap(), "keukentafel-koppelcode.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let comments: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert!(
        comments.iter().any(|l| l.contains("koppelcode")) && comments.iter().any(|l| l.contains("pairing code")),
        "{text}"
    );
    assert_eq!(text.lines().last().unwrap(), line, "the file ends with the line");
    assert_eq!(read_pairing_file(&path).unwrap(), p);
    assert_eq!(pairing_from_arg(path.to_str().unwrap()).unwrap(), p, "a path");
    assert_eq!(pairing_from_arg(&line).unwrap(), p, "a line");
    assert_eq!(pairing_from_arg(&text).unwrap(), p, "a whole file pasted");
    assert_eq!(parse_pairing(&format!("\u{feff}{text}")).unwrap(), p, "a byte order mark from a Windows editor");

    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["role"], "energy_coach");
    assert_eq!(json["age_key"], p.age_key().to_string());
    assert_eq!(json["signing_key"], p.signing_key().to_string());
    assert_eq!(json["created"], "2026-11-23");
    assert_eq!(json, json_of(&p), "the view's JSON is the code's JSON");
}

#[test]
fn the_pairing_of_an_installation_comes_from_its_profile_and_keys() {
    let (age, signing) = (KeyPair::generate(), SigningKey::generate());
    let profile = UserProfile {
        id: UserId(uuid::Uuid::from_bytes([1; 16])),
        name: "Bram".into(),
        organisation: "Schuldhulp West".into(),
        role: Role::DebtHelpVolunteer,
        phone: String::new(),
    };
    let p = Pairing::for_installation(&profile, replica(3), &age, &signing, day()).unwrap();
    assert_eq!((p.name(), p.role(), p.organisation()), ("Bram", Role::DebtHelpVolunteer, "Schuldhulp West"));
    assert_eq!((p.replica(), p.created()), (replica(3), day()));
    assert_eq!(p.age_key().to_string(), age.public_key());
    assert_eq!(*p.signing_key(), signing.public());
    assert_eq!(p.fingerprint(), fingerprint(replica(3), &age.recipient(), &signing.public()));
}

#[test]
fn names_are_cleaned_when_made_and_checked_when_read() {
    let (age, signing) = (KeyPair::generate(), SigningKey::generate());
    let p = Pairing::new(
        " Anna\tde\nVries ",
        Role::Coordinator,
        "\u{7}Org ",
        replica(1),
        age.recipient(),
        signing.public(),
        day(),
    )
    .unwrap();
    assert_eq!(
        (p.name(), p.organisation()),
        ("Anna de Vries", "Org"),
        "control characters become spaces, then trimmed"
    );
    assert_eq!(parse_pairing(&p.to_line()).unwrap(), p, "what is made always reads back");
    let new = |name: &str, org: &str| {
        Pairing::new(name, Role::Coordinator, org, replica(1), age.recipient(), signing.public(), day())
    };
    assert!(matches!(new(" \t ", ""), Err(SyncError::InvalidPairing(PairingProblem::NameEmpty))));
    assert!(matches!(new(&"é".repeat(121), ""), Err(SyncError::InvalidPairing(PairingProblem::NameTooLong))));
    assert!(new(&"é".repeat(120), &"ß".repeat(200)).is_ok(), "limits count characters, not bytes");
    assert!(matches!(new("A", &"x".repeat(201)), Err(SyncError::InvalidPairing(PairingProblem::OrganisationTooLong))));
    let nil = Pairing::new(
        "A",
        Role::Coordinator,
        "",
        ReplicaId(uuid::Uuid::nil()),
        age.recipient(),
        signing.public(),
        day(),
    );
    assert!(matches!(nil, Err(SyncError::InvalidPairing(PairingProblem::BadReplica))));
}

fn is_fingerprint(s: &str) -> bool {
    let groups: Vec<&str> = s.split(' ').collect();
    groups.len() == 5 && groups.iter().all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_digit()))
}

#[test]
fn the_fingerprint_is_fixed_by_the_three_keys_and_nothing_else() {
    // Fixed keys: the derivation must never change, or enrolled installations would show
    // another fingerprint after an update.
    let age = KeyPair::from_identity_text("AGE-SECRET-KEY-1PYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSTFVYXW")
        .unwrap();
    let signing =
        SigningKey::from_secret_text("KEUKENTAFEL-SIGNING-SECRET-BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=")
            .unwrap();
    assert_eq!(age.public_key(), "age12ld5kdvlywh9u9rwfcj3ypt8q3ez2p353s2sc9r485xfx0gy6sss5uskuv");
    assert_eq!(
        signing.public().to_string(),
        "ktsig1:6kpsY-KcUgq-9VB7Ey7F-ZVHdq6-vnuSQh7qaRRG0iw",
        "RFC 8032 key from seed 07…07"
    );
    let fp = fingerprint(replica(7), &age.recipient(), &signing.public());
    assert!(is_fingerprint(fp.as_str()), "{fp}");
    assert_eq!(fp.as_str(), GOLDEN, "the fingerprint of fixed keys is the same on every run and every version");

    let base = pairing_with("Anna", Role::EnergyCoach, replica(7), &age, &signing);
    assert_eq!(base.fingerprint(), fp);
    for (what, other) in [
        ("name", pairing_with("Bram", Role::EnergyCoach, replica(7), &age, &signing)),
        ("role", pairing_with("Anna", Role::Coordinator, replica(7), &age, &signing)),
        (
            "organisation and date",
            Pairing::new(
                "Anna",
                Role::EnergyCoach,
                "Elders",
                replica(7),
                age.recipient(),
                signing.public(),
                day().succ_opt().unwrap(),
            )
            .unwrap(),
        ),
    ] {
        assert_eq!(other.fingerprint(), fp, "the {what} is shown beside the fingerprint, not in it");
    }
    for (what, other) in [
        ("replica", pairing_with("Anna", Role::EnergyCoach, replica(8), &age, &signing)),
        ("age key", pairing_with("Anna", Role::EnergyCoach, replica(7), &KeyPair::generate(), &signing)),
        ("signing key", pairing_with("Anna", Role::EnergyCoach, replica(7), &age, &SigningKey::generate())),
    ] {
        assert_ne!(other.fingerprint(), fp, "another {what} gives another fingerprint");
    }
}

/// Computed independently (Python `hashlib` and `cryptography`) from the derivation in the
/// module doc of `pairing.rs`.
const GOLDEN: &str = "6454 6101 7888 8497 7584";

#[test]
fn fingerprint_digits_are_spread_over_every_place() {
    let age = KeyPair::generate();
    let mut seen = [[0u32; 10]; 20];
    for n in 0..2000u32 {
        let mut bytes = [0u8; 16];
        bytes[..4].copy_from_slice(&n.to_be_bytes());
        bytes[15] = 1;
        let fp =
            fingerprint(ReplicaId(uuid::Uuid::from_bytes(bytes)), &age.recipient(), &SigningKey::generate().public());
        for (place, digit) in fp.as_str().chars().filter(char::is_ascii_digit).enumerate() {
            seen[place][digit.to_digit(10).unwrap() as usize] += 1;
        }
    }
    for (place, counts) in seen.iter().enumerate() {
        // 200 expected per digit; a uniform source stays within 120..280 (over 5.6 sigma).
        assert!(counts.iter().all(|c| (120..280).contains(c)), "place {place}: {counts:?}");
    }
}

#[test]
fn a_changed_character_is_refused_or_shows_another_fingerprint() {
    let p = sample();
    let line = p.to_line();
    let fp = p.fingerprint();
    let alphabet: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=. ".chars().collect();
    let (mut refused, mut accepted) = (0, 0);
    for (i, original) in line.char_indices() {
        for &c in alphabet.iter().filter(|c| **c != original) {
            let mut changed = line.clone();
            changed.replace_range(i..i + original.len_utf8(), &c.to_string());
            match parse_pairing(&changed) {
                Err(SyncError::InvalidPairing(_)) => refused += 1,
                Err(e) => panic!("{changed}: {e}"),
                Ok(q) => {
                    accepted += 1;
                    let same_keys =
                        q.replica() == p.replica() && q.age_key() == p.age_key() && q.signing_key() == p.signing_key();
                    assert_eq!(
                        q.fingerprint() == fp,
                        same_keys,
                        "{changed}: the same fingerprint must mean the same keys"
                    );
                }
            }
        }
    }
    assert!(refused > accepted * 10, "most changes are refused outright: {refused} refused, {accepted} accepted");
}

#[test]
fn another_valid_key_in_a_code_shows_another_fingerprint() {
    let p = sample();
    let mut json = json_of(&p);
    json["signing_key"] = Value::String(SigningKey::generate().public().to_string());
    let swapped = parse_pairing(&line_of(&json)).unwrap();
    assert_ne!(swapped.fingerprint(), p.fingerprint(), "a swapped signing key");
    let mut json = json_of(&p);
    json["age_key"] = Value::String(KeyPair::generate().public_key());
    assert_ne!(parse_pairing(&line_of(&json)).unwrap().fingerprint(), p.fingerprint(), "a swapped age key");
    let mut json = json_of(&p);
    json["name"] = Value::String("Iemand anders".into());
    assert_eq!(parse_pairing(&line_of(&json)).unwrap().fingerprint(), p.fingerprint(), "a changed name: same keys");
}

#[test]
fn every_bad_code_is_refused_with_its_own_reason() {
    use PairingProblem as P;
    let p = sample();
    let good = json_of(&p);
    let with = |field: &str, value: Value| {
        let mut j = good.clone();
        j[field] = value;
        line_of(&j)
    };
    let without = |field: &str| {
        let mut j = good.clone();
        j.as_object_mut().unwrap().remove(field);
        line_of(&j)
    };
    let line = p.to_line();
    let encoded = line.strip_prefix("KTKOPPEL1-").unwrap();
    let upper_age = p.age_key().to_string().to_uppercase();
    let upper_replica = p.replica().to_string().to_uppercase();
    let duplicate = {
        let text = good.to_string();
        format!("{},\"name\":\"Mallory\"}}", &text[..text.len() - 1])
    };

    // The same JSON in standard base64 (with '+' or '/'), as a careless tool would write it.
    let standard_alphabet = (0..)
        .map(|n| {
            let mut j = good.clone();
            j["name"] = Value::String(format!("Anna{}", "?".repeat(n)));
            base64::engine::general_purpose::STANDARD_NO_PAD.encode(j.to_string())
        })
        .find(|e| e.contains(['+', '/']))
        .map(|e| format!("KTKOPPEL1-{e}"))
        .unwrap();
    let cases: Vec<(&str, String, PairingProblem)> = vec![
        ("over the size limit", format!("{line}{}", "A".repeat(MAX_PAIRING_BYTES)), P::TooLarge),
        ("empty", String::new(), P::NoCode),
        ("only comments", "# Keukentafel\n\n# nothing else\n".into(), P::NoCode),
        ("two codes", format!("{line}\n{line}"), P::MoreThanOneCode),
        ("an age key", KeyPair::generate().public_key(), P::WrongPrefix),
        ("lower-case prefix", format!("ktkoppel1-{encoded}"), P::WrongPrefix),
        ("no prefix", encoded.to_owned(), P::WrongPrefix),
        ("version 0", format!("KTKOPPEL0-{encoded}"), P::WrongPrefix),
        ("a later version", format!("KTKOPPEL2-{encoded}"), P::NewerVersion),
        ("not base64url", format!("KTKOPPEL1-{}!", &encoded[1..]), P::BadEncoding),
        ("padded base64", format!("{line}=="), P::BadEncoding),
        ("standard base64 alphabet", standard_alphabet, P::BadEncoding),
        ("not JSON", line_of_bytes(b"name=Anna"), P::BadJson),
        ("not UTF-8", line_of_bytes(&[0xff, 0xfe, b'{', b'}']), P::BadJson),
        ("a JSON list", line_of(&json!([1, 2])), P::BadJson),
        ("a missing field", without("signing_key"), P::BadJson),
        ("an unknown field", with("admin", json!(true)), P::BadJson),
        ("a duplicate field", line_of_bytes(duplicate.as_bytes()), P::BadJson),
        ("a number as name", with("name", json!(5)), P::BadJson),
        ("an unknown role", with("role", json!("administrator")), P::UnknownRole),
        ("a role in other case", with("role", json!("Coordinator")), P::UnknownRole),
        ("not a UUID", with("replica", json!("installation-7")), P::BadReplica),
        ("an upper-case UUID", with("replica", json!(upper_replica)), P::BadReplica),
        ("a UUID without hyphens", with("replica", json!(p.replica().0.simple().to_string())), P::BadReplica),
        ("a braced UUID", with("replica", json!(format!("{{{}}}", p.replica()))), P::BadReplica),
        ("the nil UUID", with("replica", json!(uuid::Uuid::nil().to_string())), P::BadReplica),
        ("not an age key", with("age_key", json!("age1notakey")), P::BadAgeKey),
        ("an upper-case age key", with("age_key", json!(upper_age)), P::BadAgeKey),
        (
            "an age secret key",
            with("age_key", json!("AGE-SECRET-KEY-1PYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSTFVYXW")),
            P::BadAgeKey,
        ),
        ("not a signing key", with("signing_key", json!("ktsig1:short")), P::BadSigningKey),
        ("an age key as signing key", with("signing_key", json!(KeyPair::generate().public_key())), P::BadSigningKey),
        (
            "a weak signing key",
            with("signing_key", json!(format!("ktsig1:{}", URL_SAFE_NO_PAD.encode([0u8; 32])))),
            P::BadSigningKey,
        ),
        ("an empty name", with("name", json!("")), P::NameEmpty),
        ("a blank name", with("name", json!("   ")), P::NameEmpty),
        ("a long name", with("name", json!("x".repeat(121))), P::NameTooLong),
        ("a long organisation", with("organisation", json!("x".repeat(201))), P::OrganisationTooLong),
        ("a newline in the name", with("name", json!("Anna\n# admin")), P::ControlCharacters),
        ("a control character in the organisation", with("organisation", json!("Org\u{1b}[2J")), P::ControlCharacters),
        ("not a date", with("created", json!("gisteren")), P::BadDate),
        ("a date without zeros", with("created", json!("2026-1-5")), P::BadDate),
        ("an impossible date", with("created", json!("2026-02-30")), P::BadDate),
    ];
    for (what, text, expected) in &cases {
        assert_eq!(problem(text), *expected, "{what}: {text:?}");
    }
    // Every reason has a case.
    let reasons: std::collections::BTreeSet<String> = cases.iter().map(|(_, _, p)| format!("{p:?}")).collect();
    assert_eq!(reasons.len(), 16, "{reasons:?}");
    let trimmed = parse_pairing(&with("name", json!("  Anna  "))).unwrap();
    assert_eq!(trimmed.name(), "Anna", "a name is read trimmed");
}

#[test]
fn a_large_file_is_refused_before_it_is_read_and_paths_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("groot.txt");
    std::fs::write(&big, vec![b'#'; 50 * 1024 * 1024]).unwrap();
    assert!(matches!(read_pairing_file(&big), Err(SyncError::InvalidPairing(PairingProblem::TooLarge))));
    assert!(matches!(
        pairing_from_arg(big.to_str().unwrap()),
        Err(SyncError::InvalidPairing(PairingProblem::TooLarge))
    ));
    assert!(matches!(read_pairing_file(dir.path()), Err(SyncError::Io { .. })), "a folder");
    let missing = dir.path().join("weg.txt");
    assert!(
        matches!(pairing_from_arg(missing.to_str().unwrap()), Err(SyncError::Io { .. })),
        "a missing file is not a bad code"
    );
    assert!(matches!(pairing_from_arg("hallo"), Err(SyncError::InvalidPairing(PairingProblem::WrongPrefix))));
    let binary = dir.path().join("foto.txt");
    std::fs::write(&binary, [0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).unwrap();
    assert!(matches!(read_pairing_file(&binary), Err(SyncError::InvalidPairing(PairingProblem::WrongPrefix))));
}

#[test]
fn saving_again_replaces_the_file_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (sample(), sample());
    save_pairing_file(&a, dir.path()).unwrap();
    let path = save_pairing_file(&b, dir.path()).unwrap();
    assert_eq!(read_pairing_file(&path).unwrap(), b);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from(PAIRING_FILE)]);
}
