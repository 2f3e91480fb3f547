//! The consent step: a multiple choice whose options are consent scopes
//! ([`crate::template::Choice::consent`]). Its answer is not stored: it is the household's
//! current consent ([`answer_from_consent`]), and answering it records consent events
//! ([`changes_for_answer`]), so the checklist and the household page never disagree.
//!
//! Rules:
//! - **Shown answer.** The options whose scope is given now. When none is given and every scope
//!   of the step was asked (given and later withdrawn, or refused), the exclusive option
//!   ("Met niemand"). When none is given and a scope was never asked: no answer yet.
//! - **Answering.** A chosen scope that is not given now is recorded as given; a scope not
//!   chosen is recorded as not given when it is given now (a withdrawal) or was never asked (so
//!   the step counts as asked); a scope already in the wanted state records nothing.
//!   Clearing the answer records nothing: consent that was asked stays asked. "Nobody" chosen
//!   together with a scope contradicts itself and records nothing.

use keukentafel_domain::{ConsentScope, ConsentState, ConsentStatus};

use crate::answer::AnswerValue;
use crate::template::{Input, Step};

fn state(consent: &[ConsentStatus], scope: ConsentScope) -> ConsentState {
    consent.iter().find(|c| c.scope == scope).map_or(ConsentState::Unknown, |c| c.state)
}

/// The answer a consent step shows for the household's current `consent` (see the module
/// rules); `None` for a step that is not a consent step or not answered yet.
pub fn answer_from_consent(step: &Step, consent: &[ConsentStatus]) -> Option<AnswerValue> {
    let Input::MultiChoice { options } = &step.input else { return None };
    if !step.is_consent() {
        return None;
    }
    let given: Vec<String> = options
        .iter()
        .filter(|o| o.consent.is_some_and(|s| state(consent, s) == ConsentState::Given))
        .map(|o| o.id.clone())
        .collect();
    if !given.is_empty() {
        return Some(AnswerValue::MultiChoice(given));
    }
    let all_asked = options.iter().filter_map(|o| o.consent).all(|s| state(consent, s) != ConsentState::Unknown);
    let nobody = options.iter().find(|o| o.consent.is_none() && o.exclusive)?;
    all_asked.then(|| AnswerValue::MultiChoice(vec![nobody.id.clone()]))
}

/// The consent events an answer to a consent step records: `(scope, given)` per scope whose
/// state changes (see the module rules). Empty for a cleared answer or another kind of step.
pub fn changes_for_answer(step: &Step, answer: Option<&AnswerValue>, consent: &[ConsentStatus]) -> Vec<(ConsentScope, bool)> {
    let (Input::MultiChoice { options }, Some(AnswerValue::MultiChoice(chosen))) = (&step.input, answer) else {
        return Vec::new();
    };
    // "Nobody" together with a scope contradicts itself: nothing is recorded.
    let exclusive = options.iter().any(|o| o.exclusive && chosen.contains(&o.id));
    if exclusive && chosen.len() > 1 {
        return Vec::new();
    }
    options
        .iter()
        .filter_map(|o| o.consent.map(|s| (s, chosen.contains(&o.id))))
        .filter(|(scope, want)| match (state(consent, *scope), want) {
            (ConsentState::Given, true) => false,
            (ConsentState::Given, false) => true,
            (ConsentState::Unknown, _) => true,
            (ConsentState::Withdrawn | ConsentState::Refused, want) => *want,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use keukentafel_domain::{ConsentScope as S, ConsentState as C};
    use rstest::rstest;

    use super::*;
    use crate::Checklist;

    fn step() -> Step {
        let c = Checklist::builtin().expect("the default template is valid");
        c.template().step("consent").expect("the consent step").clone()
    }

    fn now(states: &[(S, C)]) -> Vec<ConsentStatus> {
        states.iter().map(|(scope, state)| ConsentStatus { scope: *scope, state: *state, since: None, text_version: None }).collect()
    }

    fn multi(ids: &[&str]) -> AnswerValue {
        AnswerValue::MultiChoice(ids.iter().map(|s| s.to_string()).collect())
    }

    const ALL: [S; 4] = [S::ShareMunicipality, S::ShareAdministrator, S::ShareSupplier, S::ShareLandlord];

    #[test]
    fn the_default_template_asks_consent_through_its_records() {
        assert!(step().is_consent());
    }

    #[rstest]
    #[case::never_asked(&[], None)]
    #[case::one_given(&[(S::ShareMunicipality, C::Given)], Some(multi(&["municipality"])))]
    #[case::given_and_withdrawn(&[(S::ShareMunicipality, C::Withdrawn), (S::ShareLandlord, C::Given)], Some(multi(&["landlord"])))]
    #[case::some_refused_some_never_asked(&[(S::ShareMunicipality, C::Withdrawn)], None)]
    #[case::all_refused(&ALL.map(|s| (s, C::Refused)), Some(multi(&["nobody"])))]
    #[case::all_withdrawn(&ALL.map(|s| (s, C::Withdrawn)), Some(multi(&["nobody"])))]
    fn the_answer_is_the_current_consent(#[case] states: &[(S, C)], #[case] shown: Option<AnswerValue>) {
        assert_eq!(answer_from_consent(&step(), &now(states)), shown);
    }

    #[test]
    fn choosing_records_what_changes_and_nothing_else() {
        let s = step();
        // Never asked: the chosen scope is given, the others are recorded as not given.
        let mut c = changes_for_answer(&s, Some(&multi(&["municipality", "supplier"])), &[]);
        c.sort();
        let mut want = vec![(S::ShareMunicipality, true), (S::ShareAdministrator, false), (S::ShareSupplier, true), (S::ShareLandlord, false)];
        want.sort();
        assert_eq!(c, want);
        // Then the same answer again: nothing.
        let after = now(&[(S::ShareMunicipality, C::Given), (S::ShareAdministrator, C::Withdrawn), (S::ShareSupplier, C::Given), (S::ShareLandlord, C::Withdrawn)]);
        assert!(changes_for_answer(&s, Some(&multi(&["municipality", "supplier"])), &after).is_empty());
        // Taking the supplier off withdraws only that.
        assert_eq!(changes_for_answer(&s, Some(&multi(&["municipality"])), &after), vec![(S::ShareSupplier, false)]);
        // Nobody: withdraws what is given.
        let mut c = changes_for_answer(&s, Some(&multi(&["nobody"])), &after);
        c.sort();
        assert_eq!(c, vec![(S::ShareMunicipality, false), (S::ShareSupplier, false)]);
        // "Nobody" with a scope contradicts itself: nothing.
        assert!(changes_for_answer(&s, Some(&multi(&["nobody", "municipality"])), &[]).is_empty());
        // Clearing records nothing.
        assert!(changes_for_answer(&s, None, &after).is_empty());
        // The shown answer after "nobody" everywhere is "nobody".
        assert_eq!(answer_from_consent(&s, &now(&ALL.map(|x| (x, C::Withdrawn)))), Some(multi(&["nobody"])));
    }
}
