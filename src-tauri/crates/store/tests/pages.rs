//! The households list a page at a time (`Store::household_page`), on a real store file: read
//! page by page, every match comes exactly once, in one stable order (name without case, then
//! id), with the right total, whatever the search, the wijk and the archived switch.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use keukentafel_domain::*;
use keukentafel_store::Store;

const START: i64 = 1_795_000_000_000; // 2026-11-16

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Names that sort only by case folding (`fam. Jansen`, `Fam. jansen`), names that occur many
/// times (so the id decides), codes and a name with a letter outside ASCII.
const NAMES: &[&str] = &["Fam. Jansen", "fam. jansen", "Fam. Bakker", "de Vries", "Ürün", "FAM. BAKKER", "Fam. Kaya"];
const WIJKEN: &[(&str, &str)] = &[("Smitsveen", "3764 AB"), ("Overhees", "3762 CD"), ("De Eng", "3763 EF")];

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    /// Every household as written: (name, wijk, postcode, archived, id).
    all: Vec<(String, String, String, bool, HouseholdId)>,
}

fn fixture(n: usize) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keukentafel.sqlite3");
    let mut store = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(3, START, 10)).unwrap();
    store
        .save_profile(UserProfileInput { name: "Anna".into(), organisation: "EAS".into(), phone: String::new(), role: Role::EnergyCoach })
        .unwrap();
    let mut all = Vec::new();
    for i in 0..n {
        let name = if i % 5 == 4 { format!("CODE-{i:03}") } else { NAMES[i % NAMES.len()].to_owned() };
        let (wijk, postcode) = WIJKEN[i % WIJKEN.len()];
        let input = HouseholdInput {
            name: name.clone(),
            street_address: format!("Griftlaan {i}"),
            postcode: postcode.into(),
            city: "Soest".into(),
            wijk: wijk.into(),
            ..Default::default()
        };
        let id = store.create_household(input).unwrap().id;
        let archived = i % 6 == 1;
        if archived {
            store.set_household_archived(id, true).unwrap();
        }
        all.push((name, wijk.to_owned(), postcode.to_owned(), archived, id));
    }
    Fixture { _dir: dir, store, all }
}

/// What the list must show for `q`, in its order, worked out here without SQL: SQLite's
/// NOCASE folds ASCII letters only, and equal names go by id.
fn expected(f: &Fixture, q: &HouseholdQuery) -> Vec<HouseholdId> {
    let search = q.search.trim().to_lowercase();
    let mut rows: Vec<_> = f
        .all
        .iter()
        .filter(|(_, _, _, archived, _)| q.include_archived || !archived)
        .filter(|(_, wijk, _, _, _)| q.wijk.as_deref().is_none_or(|w| w == wijk))
        .filter(|(name, wijk, postcode, _, id)| {
            let street = format!("griftlaan {}", f.all.iter().position(|h| h.4 == *id).unwrap());
            search.is_empty()
                || name.to_lowercase().contains(&search)
                || wijk.to_lowercase().contains(&search)
                || street.contains(&search)
                || postcode.replace(' ', "").to_lowercase().contains(&search.replace(' ', ""))
                || "soest".contains(&search)
        })
        .map(|(name, _, _, _, id)| (name.to_ascii_lowercase(), id.to_string(), *id))
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, _, id)| id).collect()
}

/// Reads the whole list `size` rows at a time; checks each page's offset and total.
fn read_in_pages(store: &Store, q: &HouseholdQuery, size: u32) -> (u32, Vec<HouseholdId>) {
    let first = store.household_page(q, today(), 0, size).unwrap();
    let total = first.total;
    let mut ids = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.household_page(q, today(), offset, size).unwrap();
        assert_eq!(page.total, total, "every page tells the same total");
        assert_eq!(page.offset, offset);
        let expect_len = total.saturating_sub(offset).min(size) as usize;
        assert_eq!(page.rows.len(), expect_len, "a page is full unless it is the last (offset {offset} of {total})");
        ids.extend(page.rows.iter().map(|r| r.as_ref().expect("every row reads").id));
        if page.rows.is_empty() || offset + size >= total {
            break;
        }
        offset += size;
    }
    (total, ids)
}

#[test]
fn pages_return_every_match_once_in_a_stable_order_with_the_total() {
    let f = fixture(120);
    let q = |search: &str, wijk: Option<&str>, include_archived: bool| HouseholdQuery {
        search: search.into(),
        wijk: wijk.map(Into::into),
        include_archived,
    };
    let queries = [
        q("", None, false),
        q("", None, true),
        q("jansen", None, false),
        q("JANSEN", None, true),
        q("bakker", Some("Overhees"), true),
        q("", Some("De Eng"), false),
        q("", Some("De Eng"), true),
        q("3762cd", None, false),
        q("code-", Some("Smitsveen"), true),
        q("niemand", None, true),
        q("", Some("Nergens"), true),
    ];
    for query in &queries {
        let want = expected(&f, query);
        assert!(query.search == "niemand" || query.wijk.as_deref() == Some("Nergens") || want.len() > 3, "{query:?} matches a few");
        let whole: Vec<HouseholdId> = f.store.list_households(query, today()).unwrap().into_iter().map(|h| h.id).collect();
        assert_eq!(whole, want, "the unpaged list, {query:?}");
        for size in [1, 7, 25, 500] {
            let (total, ids) = read_in_pages(&f.store, query, size);
            assert_eq!(total as usize, want.len(), "total of {query:?}");
            assert_eq!(ids, want, "pages of {size} for {query:?}: every match once, in list order");
            let unique: BTreeSet<_> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "no household twice");
        }
    }
}

#[test]
fn a_page_is_the_same_when_read_again_and_past_the_end_is_empty() {
    let f = fixture(40);
    let query = HouseholdQuery::default();
    let a = f.store.household_page(&query, today(), 10, 10).unwrap();
    let b = f.store.household_page(&query, today(), 10, 10).unwrap();
    assert_eq!(a, b, "the order is stable");
    let shown = f.all.iter().filter(|h| !h.3).count() as u32;
    assert_eq!(a.total, shown);
    let past = f.store.household_page(&query, today(), shown + 5, 10).unwrap();
    assert_eq!((past.total, past.offset, past.rows.len()), (shown, shown + 5, 0));
    let none = f.store.household_page(&query, today(), 0, 0).unwrap();
    assert_eq!((none.total, none.rows.len()), (shown, 0), "a page of nothing still counts");
}

#[test]
fn a_page_carries_the_next_visit_and_the_summary_fields() {
    let mut f = fixture(3);
    let id = f.all[0].4;
    let visit = VisitInput {
        household_id: id,
        planned_date: today().checked_add_days(chrono::Days::new(4)).unwrap(),
        planned_time: "10:00".into(),
        kind: VisitKind::Combined,
        volunteers: vec!["Anna".into()],
        status: VisitStatus::Planned,
        summary: String::new(),
    };
    f.store.plan_visit(visit, today()).unwrap();
    let page = f.store.household_page(&HouseholdQuery::default(), today(), 0, 10).unwrap();
    let listed = f.store.list_households(&HouseholdQuery::default(), today()).unwrap();
    assert_eq!(page.rows, listed.into_iter().map(Some).collect::<Vec<_>>(), "a page holds what the list holds");
    let row = page.rows.iter().flatten().find(|h| h.id == id).unwrap();
    assert_eq!(row.next_visit, today().checked_add_days(chrono::Days::new(4)));
    assert_eq!((row.wijk.as_str(), row.postcode.as_str(), row.city.as_str()), ("Smitsveen", "3764 AB", "Soest"));
}
