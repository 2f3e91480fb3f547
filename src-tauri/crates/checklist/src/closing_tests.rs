//! Case tables for closing a visit: which tasks, owned by whom, due when, needing which consent.

use chrono::NaiveDate;
use keukentafel_domain::{
    ConsentScope, Heating, HouseholdId, HouseholdInput, Role, Tenure, UserId, UserProfile, VisitId,
};
use rstest::rstest;

use super::*;
use crate::{AnswerValue, Answers, Checklist, Profile};

fn checklist() -> &'static Checklist {
    static C: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
    C.get_or_init(|| Checklist::builtin().expect("the default template is valid"))
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn user(name: &str, role: Role) -> UserProfile {
    UserProfile { id: UserId(uuid::Uuid::nil()), name: name.into(), organisation: String::new(), role, phone: String::new() }
}

fn household(bewind: bool) -> HouseholdInput {
    HouseholdInput {
        name: "Fam. de Groot".into(),
        tenure: Some(Tenure::HousingAssociation),
        heating: Some(Heating::GasBoiler),
        under_bewind: bewind,
        administrator_name: if bewind { "Bewind BV".into() } else { String::new() },
        adults: 2,
        ..HouseholdInput::default()
    }
}

const VISIT: VisitId = VisitId(uuid::Uuid::from_u128(1));
const HOUSEHOLD: HouseholdId = HouseholdId(uuid::Uuid::from_u128(2));

fn plan(bewind: bool, volunteers: &[&str], answers: &[(&str, AnswerValue)]) -> ClosingPlan {
    let answers: Answers = answers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    let h = household(bewind);
    let profile = Profile::from(&h);
    let c = checklist();
    let evaluation = c.evaluate(&profile, &answers, day());
    let names: Vec<String> = volunteers.iter().map(|s| s.to_string()).collect();
    let users = [user("Anna", Role::EnergyCoach), user("Bram", Role::DebtHelpVolunteer)];
    let sheet = HouseholdSheet::build(c.template(), &evaluation, &answers, &profile, day()).for_household(&h, &names, &users, None);
    plan_closing(ClosingVisit { id: VISIT, household: HOUSEHOLD, date: day(), volunteers: &names }, &evaluation, &sheet)
}

fn choice(s: &str) -> AnswerValue {
    AnswerValue::Choice(s.into())
}
fn multi(v: &[&str]) -> AnswerValue {
    AnswerValue::MultiChoice(v.iter().map(|s| s.to_string()).collect())
}

fn find<'a>(p: &'a ClosingPlan, party: &str) -> &'a TaskInput {
    &p.tasks.iter().find(|(_, t)| t.party == party).unwrap_or_else(|| panic!("a task for {party}: {:#?}", p.tasks)).1
}

#[test]
fn a_visit_with_nothing_agreed_makes_no_task() {
    let p = plan(false, &["Anna", "Bram"], &[]);
    assert!(p.tasks.is_empty(), "{:#?}", p.tasks);
    assert_eq!(p.follow_up, None);
}

#[rstest]
// The debt-help referral is the debt-help volunteer's: Bram, whatever the order on the visit.
#[case::by_role(false, &["Anna", "Bram"], TaskOwnerKind::Volunteer, "Bram", Some(ConsentScope::ShareMunicipality))]
#[case::by_role_other_order(false, &["Bram", "Anna"], TaskOwnerKind::Volunteer, "Bram", Some(ConsentScope::ShareMunicipality))]
// Nobody on the visit is known to have that role: one whose role is not known, not the coach.
#[case::unknown_role(false, &["Anna", "Cees"], TaskOwnerKind::Volunteer, "Cees", Some(ConsentScope::ShareMunicipality))]
// Only the coach: the coach.
#[case::only_the_coach(false, &["Anna"], TaskOwnerKind::Volunteer, "Anna", Some(ConsentScope::ShareMunicipality))]
// Under bewind the administrator makes the contact, with the household's mandate: no consent.
#[case::under_bewind(true, &["Anna", "Bram"], TaskOwnerKind::Administrator, "Bewind BV", None)]
fn a_referral_goes_to_the_right_owner(
    #[case] bewind: bool,
    #[case] volunteers: &[&str],
    #[case] kind: TaskOwnerKind,
    #[case] name: &str,
    #[case] consent: Option<ConsentScope>,
) {
    let p = plan(bewind, volunteers, &[("debt_help_referral", choice("municipality"))]);
    let t = find(&p, "Schuldhulp van de gemeente");
    assert_eq!((t.owner_kind, t.owner_name.as_str()), (kind, name));
    assert_eq!(t.consent_scope, consent);
    assert_eq!(t.kind, TaskKind::Referral);
    assert_eq!(t.status, TaskStatus::Open);
    assert_eq!(t.due, NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(), "two weeks after the visit");
    assert_eq!((t.visit_id, t.household_id, t.step_id.as_str()), (Some(VISIT), HOUSEHOLD, "debt_help_referral"));
}

#[test]
fn the_household_applies_itself_and_needs_no_consent() {
    // The landlord referral needs consent; the referral the household does itself does not.
    let p = plan(false, &["Anna", "Bram"], &[("landlord_request", multi(&["draughts"]))]);
    let t = find(&p, "Verhuurder of woningcorporatie");
    assert_eq!((t.owner_kind, t.owner_name.as_str()), (TaskOwnerKind::Volunteer, "Anna"));
    assert_eq!(t.consent_scope, Some(ConsentScope::ShareLandlord));
}

#[test]
fn the_next_visit_is_a_visit_not_a_task() {
    let p = plan(false, &["Anna", "Bram"], &[("follow_up_visit", AnswerValue::YesNo(true))]);
    assert!(p.tasks.iter().all(|(_, t)| t.kind != TaskKind::FollowUpContact), "{:#?}", p.tasks);
    let due = p.follow_up.expect("a follow-up visit");
    assert!(due > day());
}

#[test]
fn what_the_household_agreed_is_checked_at_the_follow_up_visit() {
    let p = plan(
        false,
        &["Anna", "Bram"],
        &[("behaviour", multi(&["shower_shorter"])), ("follow_up_visit", AnswerValue::YesNo(true))],
    );
    let agreed: Vec<_> = p.tasks.iter().filter(|(_, t)| t.kind == TaskKind::Agreement).collect();
    if let Some((_, t)) = agreed.first() {
        assert_eq!(t.owner_kind, TaskOwnerKind::Household);
        assert_eq!(Some(t.due), p.follow_up);
        assert!(!t.what.is_empty());
    }
}

#[test]
fn closing_again_proposes_the_same_ids_and_every_id_once() {
    let answers = [
        ("debt_help_referral", choice("municipality")),
        ("other_referrals", multi(&["wijkteam", "fixbrigade", "balancing"])),
        ("landlord_request", multi(&["draughts", "damp"])),
        ("follow_up_visit", AnswerValue::YesNo(true)),
    ];
    let a = plan(false, &["Anna", "Bram"], &answers);
    let b = plan(false, &["Anna", "Bram"], &answers);
    assert_eq!(a, b);
    let mut ids: Vec<_> = a.tasks.iter().map(|(id, _)| *id).collect();
    let n = ids.len();
    assert!(n >= 5, "{:#?}", a.tasks);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "three referrals of one step get three ids");
}

#[rstest]
#[case(&[], "")]
#[case(&["a"], "a")]
#[case(&["a", "b"], "a en b")]
#[case(&["a", "b", "c"], "a, b en c")]
fn labels_are_joined_as_dutch_lists(#[case] labels: &[&str], #[case] out: &str) {
    assert_eq!(join(labels.iter().copied()), out);
}
