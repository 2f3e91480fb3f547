//! The household's sheet: the page the household keeps after the visit: what we did together,
//! what we agreed, and who does what by when. Built here from the template, the evaluation, the
//! answers and the household, so the UI only puts the items into words.
//!
//! Which step means what is said once, in the template: a step tagged `sheet = "…"`
//! ([`SheetTag`]) feeds the line of that tag, checked by [`crate::validate()`] (a tag that reads
//! the answer needs the input that holds it). The rest comes from the evaluation: referrals and
//! follow-ups with who does them ([`crate::Action`]), and the administrator-tasks step the
//! template names in `calculation.administrator_tasks`.
//!
//! Rules, in the order of the sheet:
//! - **did**: measures installed (items with their labels from the figures), heating settings
//!   changed (option labels), meters read, bill discussed, money discussed, benefits discussed.
//!   A tagged step counts only while it applies and has a valid answer. Several steps with one
//!   tag make one item. Options marked `exclusive` ("none of the others") are left out of label
//!   lists; an item with no labels left is not on the sheet.
//! - **agreed**: what the household agrees to do (option labels), then the organisations of the
//!   referrals (each once, in order of the actions).
//! - **tasks**: the household's agreement (from now on); under bewind, what the administrator
//!   arranges (the chosen options of the administrator-tasks step, as soon as possible); then
//!   every action except the next visit (which the sheet shows on its own): the referrals are
//!   "get in touch with" as soon as possible, one row per person who does it (at the place of
//!   that person's first referral, each organisation once), so the page stays one page; a
//!   follow-up is due today when its date is the visit date, else on its date.
//! - **advance_by**: the administrator arranges a new advance under bewind, else the household
//!   asks for it.
//! - **language**: the household's own choice (its record), whatever the app's language.
//! - **contacts** ([`HouseholdSheet::for_household`]): whom the household can call. The
//!   volunteers named on the visit, in that order, each with the role, organisation and phone
//!   of the known user of that name (trimmed, case does not matter; this installation's own
//!   user first when two share a name); a name no user has is printed alone. No names on the
//!   visit: this installation's user. Under bewind, then the administrator from the household
//!   record, when a name or a contact is filled in.
//!
//! Pure: nothing here reads the clock, and no answer makes it fail.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use keukentafel_domain::{ConsentState, ConsentStatus, HouseholdInput, Language, Role, UserProfile};

use crate::answer::{AnswerValue, Answers};
use crate::engine::{Action, Evaluation};
use crate::profile::Profile;
use crate::template::{SheetTag, Step, Template, Text, Who};

/// The household's sheet, in the order it is printed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdSheet {
    /// What we did together. Empty: nothing but getting to know each other.
    pub did: Vec<SheetItem>,
    /// What we agreed. Empty: nothing agreed yet.
    pub agreed: Vec<SheetItem>,
    /// Who does what, and when.
    pub tasks: Vec<SheetTask>,
    /// Who arranges the proposed new advance with the supplier: the administrator under
    /// bewind, else the household.
    pub advance_by: Who,
    /// The language the sheet is printed in: the household's choice.
    pub language: Language,
    /// Whom the household can call, in the order printed.
    pub contacts: Vec<SheetContact>,
}

/// A person the household can call about the visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetContact {
    /// May be empty (an administrator known only by a phone number).
    pub name: String,
    /// Their part: energy coach, debt-help volunteer, administrator; `None` when not known
    /// (a name no user has, or a coordinator).
    pub who: Option<Who>,
    pub organisation: String,
    /// A phone number (or, for an administrator, whatever contact the record holds); may be empty.
    pub phone: String,
}

/// One line of "what we did" or "what we agreed".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SheetItem {
    MeasuresInstalled {
        items: Vec<InstalledItem>,
    },
    HeatingSettingsChanged {
        labels: Vec<Text>,
    },
    MetersRead,
    BillDiscussed,
    MoneyDiscussed,
    BenefitsDiscussed,
    HouseholdAgrees {
        labels: Vec<Text>,
    },
    /// We get in touch with these organisations for the household.
    ReferTo {
        to: Vec<Text>,
    },
}

/// One kind of item installed, with its label from the reference figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InstalledItem {
    pub measure: String,
    pub label: Text,
    pub quantity: u32,
    /// Where in the house; may be empty.
    pub location: String,
}

/// One row of "who does what, and when".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct SheetTask {
    pub who: Who,
    pub what: TaskWhat,
    pub when: TaskWhen,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TaskWhat {
    /// What the household agreed to do.
    HouseholdAgrees { labels: Vec<Text> },
    /// What the administrator arranges.
    AdministratorArranges { labels: Vec<Text> },
    /// Get in touch with the organisations of the referrals this person does, each once.
    ContactWith { to: Vec<Text> },
    /// A follow-up, in the template's words.
    FollowUp { what: Text },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TaskWhen {
    /// On the day of the visit.
    Today,
    /// As soon as possible.
    Soon,
    /// From now on (a habit).
    FromNow,
    Date {
        #[ts(type = "string")]
        date: NaiveDate,
    },
}

/// A step's answer while the step applies and the answer is valid.
struct Answered<'a> {
    template: &'a Template,
    answers: &'a Answers,
    answered: BTreeSet<&'a str>,
    /// Options not offered to this household (see `Evaluation::not_offered`).
    not_offered: &'a std::collections::BTreeMap<String, Vec<String>>,
}

impl<'a> Answered<'a> {
    fn get(&self, id: &str) -> Option<&'a AnswerValue> {
        if self.answered.contains(id) {
            self.answers.get(id)
        } else {
            None
        }
    }

    /// The answered steps with this tag, in template order.
    fn tagged(&self, tag: SheetTag) -> impl Iterator<Item = (&'a Step, &'a AnswerValue)> + '_ {
        self.template
            .steps
            .iter()
            .filter(move |s| s.sheet == Some(tag))
            .filter_map(|s| self.get(&s.id).map(|a| (s, a)))
    }

    fn any(&self, tag: SheetTag) -> bool {
        self.tagged(tag).next().is_some()
    }

    /// Labels of the chosen options of the tagged steps, without exclusive options.
    fn labels(&self, tag: SheetTag) -> Vec<Text> {
        self.tagged(tag)
            .flat_map(|(s, a)| {
                let hidden = self.not_offered.get(&s.id);
                chosen_labels(s, a, hidden.map_or(&[][..], Vec::as_slice))
            })
            .collect()
    }
}

/// Labels of the options chosen in a (multiple) choice, in option order, without options that
/// mean "none of the others".
fn chosen_labels(step: &Step, answer: &AnswerValue, hidden: &[String]) -> Vec<Text> {
    let chosen: Vec<&str> = match answer {
        AnswerValue::Choice(c) => vec![c.as_str()],
        AnswerValue::MultiChoice(l) => l.iter().map(String::as_str).collect(),
        _ => return vec![],
    };
    step.input
        .options()
        .iter()
        .filter(|o| !o.exclusive && chosen.contains(&o.id.as_str()) && !hidden.contains(&o.id))
        .map(|o| Text::new(&o.nl, &o.en))
        .collect()
}

impl HouseholdSheet {
    /// The sheet of a visit on `visit_date`, from its evaluation (see the module rules).
    pub fn build(
        template: &Template,
        evaluation: &Evaluation,
        answers: &Answers,
        profile: &Profile,
        visit_date: NaiveDate,
    ) -> HouseholdSheet {
        let a = Answered {
            template,
            answers,
            answered: evaluation
                .steps
                .iter()
                .filter(|s| s.answered)
                .map(|s| s.step_id.as_str())
                .collect(),
            not_offered: &evaluation.not_offered,
        };

        let mut did = Vec::new();
        let items: Vec<InstalledItem> = a
            .tagged(SheetTag::MeasuresInstalled)
            .flat_map(|(_, answer)| match answer {
                AnswerValue::MeasureInstalled(items) => items.as_slice(),
                _ => &[],
            })
            .map(|i| InstalledItem {
                measure: i.measure.clone(),
                // Every measure offered has a label (validation); the id is only a guard.
                label: evaluation
                    .measure_labels
                    .get(&i.measure)
                    .cloned()
                    .unwrap_or_else(|| Text::new(&i.measure, &i.measure)),
                quantity: i.quantity,
                location: i.location.clone(),
            })
            .collect();
        if !items.is_empty() {
            did.push(SheetItem::MeasuresInstalled { items });
        }
        let settings = a.labels(SheetTag::HeatingSettingsChanged);
        if !settings.is_empty() {
            did.push(SheetItem::HeatingSettingsChanged { labels: settings });
        }
        for (tag, item) in [
            (SheetTag::MetersRead, SheetItem::MetersRead),
            (SheetTag::BillDiscussed, SheetItem::BillDiscussed),
            (SheetTag::MoneyDiscussed, SheetItem::MoneyDiscussed),
            (SheetTag::BenefitsDiscussed, SheetItem::BenefitsDiscussed),
        ] {
            if a.any(tag) {
                did.push(item);
            }
        }

        let mut agreed = Vec::new();
        let mut tasks = Vec::new();
        let household = a.labels(SheetTag::HouseholdAgrees);
        if !household.is_empty() {
            agreed.push(SheetItem::HouseholdAgrees {
                labels: household.clone(),
            });
            tasks.push(SheetTask {
                who: Who::Household,
                what: TaskWhat::HouseholdAgrees { labels: household },
                when: TaskWhen::FromNow,
            });
        }
        let mut to: Vec<Text> = Vec::new();
        for action in &evaluation.actions {
            if let Action::Referral { to: t, .. } = action {
                if !to.contains(t) {
                    to.push(t.clone());
                }
            }
        }
        if !to.is_empty() {
            agreed.push(SheetItem::ReferTo { to });
        }

        if profile.under_bewind {
            let arranges = template
                .calculation
                .administrator_tasks
                .as_deref()
                .and_then(|id| Some((template.step(id)?, a.get(id)?)))
                .map(|(s, answer)| {
                    chosen_labels(
                        s,
                        answer,
                        a.not_offered.get(&s.id).map_or(&[][..], Vec::as_slice),
                    )
                })
                .unwrap_or_default();
            if !arranges.is_empty() {
                tasks.push(SheetTask {
                    who: Who::Administrator,
                    what: TaskWhat::AdministratorArranges { labels: arranges },
                    when: TaskWhen::Soon,
                });
            }
        }
        for action in &evaluation.actions {
            match action {
                Action::Referral { who, to, .. } => {
                    let row = tasks.iter_mut().find(|t| {
                        t.who == *who && matches!(t.what, TaskWhat::ContactWith { .. })
                    });
                    match row.map(|t| &mut t.what) {
                        Some(TaskWhat::ContactWith { to: list }) => {
                            if !list.contains(to) {
                                list.push(to.clone());
                            }
                        }
                        _ => tasks.push(SheetTask {
                            who: *who,
                            what: TaskWhat::ContactWith { to: vec![to.clone()] },
                            when: TaskWhen::Soon,
                        }),
                    }
                }
                // The next visit has its own place on the sheet.
                Action::FollowUp {
                    next_visit: true, ..
                } => {}
                Action::FollowUp { who, what, due, .. } => tasks.push(SheetTask {
                    who: *who,
                    what: TaskWhat::FollowUp { what: what.clone() },
                    when: if *due == visit_date {
                        TaskWhen::Today
                    } else {
                        TaskWhen::Date { date: *due }
                    },
                }),
            }
        }

        HouseholdSheet {
            did,
            agreed,
            tasks,
            advance_by: if profile.under_bewind {
                Who::Administrator
            } else {
                Who::Household
            },
            language: Language::default(),
            contacts: Vec::new(),
        }
    }

    /// Leaves out every party the household has not given consent to share with: a referral a
    /// volunteer makes to a party whose consent (its template's `consent`) is not given now is
    /// neither in "what we agreed" nor in "who does what". The task made from it warns instead.
    pub fn without_unconsented(mut self, evaluation: &Evaluation, consent: &[ConsentStatus]) -> HouseholdSheet {
        let given = |scope| consent.iter().any(|c: &ConsentStatus| c.scope == scope && c.state == ConsentState::Given);
        let hidden: Vec<Text> = evaluation
            .actions
            .iter()
            .filter_map(|a| match a {
                Action::Referral { to, who, consent: Some(scope), .. }
                    if matches!(who, Who::EnergyCoach | Who::DebtHelpVolunteer | Who::Both) && !given(*scope) =>
                {
                    Some(to.clone())
                }
                _ => None,
            })
            .collect();
        if hidden.is_empty() {
            return self;
        }
        for item in &mut self.agreed {
            if let SheetItem::ReferTo { to } = item {
                to.retain(|t| !hidden.contains(t));
            }
        }
        self.agreed.retain(|i| !matches!(i, SheetItem::ReferTo { to } if to.is_empty()));
        for task in &mut self.tasks {
            if let TaskWhat::ContactWith { to } = &mut task.what {
                to.retain(|t| !hidden.contains(t));
            }
        }
        self.tasks.retain(|t| !matches!(&t.what, TaskWhat::ContactWith { to } if to.is_empty()));
        self
    }

    /// The sheet for this household: in its language, with whom to call (see the module rules).
    /// `volunteers` are the names on the visit, `users` every user the store knows, `own` this
    /// installation's user.
    pub fn for_household(
        mut self,
        household: &HouseholdInput,
        volunteers: &[String],
        users: &[UserProfile],
        own: Option<&UserProfile>,
    ) -> HouseholdSheet {
        self.language = household.language;
        let key = |s: &str| s.trim().to_lowercase();
        let contact = |u: &UserProfile| SheetContact {
            name: u.name.clone(),
            who: match u.role {
                Role::EnergyCoach => Some(Who::EnergyCoach),
                Role::DebtHelpVolunteer => Some(Who::DebtHelpVolunteer),
                Role::Coordinator => None,
            },
            organisation: u.organisation.clone(),
            phone: u.phone.clone(),
        };
        let mut contacts: Vec<SheetContact> = volunteers
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|name| {
                own.into_iter()
                    .chain(users)
                    .find(|u| key(&u.name) == key(name))
                    .map(contact)
                    .unwrap_or_else(|| SheetContact {
                        name: name.trim().to_owned(),
                        who: None,
                        organisation: String::new(),
                        phone: String::new(),
                    })
            })
            .collect();
        if contacts.is_empty() {
            contacts.extend(own.map(contact));
        }
        if household.under_bewind
            && !(household.administrator_name.is_empty() && household.administrator_contact.is_empty())
        {
            contacts.push(SheetContact {
                name: household.administrator_name.clone(),
                who: Some(Who::Administrator),
                organisation: String::new(),
                phone: household.administrator_contact.clone(),
            });
        }
        self.contacts = contacts;
        self
    }
}
