//! "Who can see my data, and why": the preview.

#[cfg(feature = "ssr")]
use super::ssr;
use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub label: String,
    pub register: String,
    pub date: NaiveDate,
    pub visible: bool,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterCount {
    pub register: String,
    pub visible: usize,
    pub hidden: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewView {
    pub viewer_choices: Vec<Choice>,
    /// The chosen viewer and situation, as the form writes them.
    pub viewer: Option<String>,
    pub situation: String,
    pub rows: Vec<PreviewRow>,
    pub counts: Vec<RegisterCount>,
}

/// "Who can see my data, and why": every item of the subject's data, for
/// the chosen viewer and situation, decided by the rules of DOMAIN.md §5 as
/// of now. Entries of one service event share their decision, so the
/// preview lists service events and prescriptions.
#[server(endpoint = "preview_page")]
pub async fn preview_page(
    #[server(default)] viewer: Option<String>,
    #[server(default)] situation: Option<String>,
    locale: Locale,
) -> Result<PreviewView, AppError> {
    use crate::api::forms::parse_situation;
    use crate::server::*;
    let subject = require_subject().await?;
    let situation = parse_situation(situation.as_deref().unwrap_or("").trim()).map_err(AppError::BadForm)?;
    let pool = pool()?;
    let providers = pool.providers(locale).await?;
    let countries = steps::Abroad {
        pharmacies: pool.abroad_countries(locale).await?,
        healthcare: pool.summary_abroad_countries(locale).await?,
    };
    let viewer_choices = steps::viewer_choices(locale, &providers, &countries);
    let chosen = viewer.as_deref().map(str::trim).filter(|v| !v.is_empty());
    let Some(chosen) = chosen else {
        return Ok(PreviewView {
            viewer_choices,
            viewer: None,
            situation: situation.as_str().into(),
            rows: vec![],
            counts: vec![],
        });
    };
    let viewer = steps::chosen_viewer(chosen, situation, &providers, &countries)?;
    let (rows, counts) = steps::decide(&pool, &subject, &viewer, locale, now()?).await?;
    Ok(PreviewView {
        viewer_choices,
        viewer: Some(chosen.to_string()),
        situation: situation.as_str().into(),
        rows,
        counts,
    })
}

/// The preview's steps: the viewers to choose from, the chosen one, and
/// every item decided for it.
#[cfg(feature = "ssr")]
mod steps {
    use chrono::{DateTime, NaiveDate, Utc};

    use super::{ssr, Choice, PreviewRow, RegisterCount};
    use crate::api::forms::{
        abroad_viewer_choice, parse_viewer_choice, summary_abroad_viewer_choice, viewer_choice, FormError,
    };
    use crate::domain::decision::{Item, Situation, Viewer, ViewerRole};
    use crate::domain::wills::CountryCode;
    use crate::error::AppError;
    use crate::i18n::Locale;
    use crate::server::rows::ProviderRow;
    use crate::server::{config, Db, Subject};

    /// The countries abroad the preview offers: whose pharmacies take part
    /// in disclosing prescriptions, and whose healthcare receives patient
    /// summaries.
    pub(super) struct Abroad {
        pub pharmacies: Vec<(CountryCode, String)>,
        pub healthcare: Vec<(CountryCode, String)>,
    }

    /// Every provider in each role it has, then the pharmacies abroad and
    /// healthcare abroad.
    pub(super) fn viewer_choices(locale: Locale, providers: &[ProviderRow], countries: &Abroad) -> Vec<Choice> {
        let t = locale.texts();
        let role_name = |r: ViewerRole| match r {
            ViewerRole::Healthcare { occupational_health: false } => t.role_healthcare,
            ViewerRole::Healthcare { occupational_health: true } => t.role_occupational,
            ViewerRole::SocialWelfare => t.role_social_welfare,
            ViewerRole::Pharmacy | ViewerRole::PharmacyAbroad(_) => t.role_pharmacy,
            ViewerRole::HealthcareAbroad(_) => t.role_healthcare,
        };
        providers
            .iter()
            .flat_map(|p| p.kind.roles(p.has_occupational_register).into_iter().map(move |r| (p, r)))
            .map(|(p, r)| Choice { value: viewer_choice(&p.id, r), label: (t.viewer_label)(&p.name, role_name(r)) })
            .chain(countries.pharmacies.iter().map(|(code, name)| Choice {
                value: abroad_viewer_choice(*code),
                label: (t.wills.preview_pharmacy_in)(name),
            }))
            .chain(countries.healthcare.iter().map(|(code, name)| Choice {
                value: summary_abroad_viewer_choice(*code),
                label: (t.summary.preview_healthcare_in)(name),
            }))
            .collect()
    }

    /// The viewer the form names: a provider in one of its roles, or the
    /// pharmacies of a country taking part; anything else is a bad form.
    pub(super) fn chosen_viewer(
        chosen: &str,
        situation: Situation,
        providers: &[ProviderRow],
        countries: &Abroad,
    ) -> Result<Viewer, AppError> {
        let takes_part = |list: &[(CountryCode, String)], country| list.iter().any(|(c, _)| *c == country);
        match parse_viewer_choice(chosen).map_err(AppError::BadForm)? {
            (Some(provider_id), role) => {
                let provider = providers
                    .iter()
                    .find(|p| p.id == provider_id && p.kind.roles(p.has_occupational_register).contains(&role))
                    .ok_or(AppError::BadForm(FormError::Viewer))?;
                Ok(Viewer { provider: Some(provider_id), role, uusimaa_party: provider.uusimaa_party, situation })
            }
            (None, role @ ViewerRole::PharmacyAbroad(country)) if takes_part(&countries.pharmacies, country) => {
                Ok(Viewer { provider: None, role, uusimaa_party: false, situation })
            }
            (None, role @ ViewerRole::HealthcareAbroad(country)) if takes_part(&countries.healthcare, country) => {
                Ok(Viewer { provider: None, role, uusimaa_party: false, situation })
            }
            (None, _) => Err(AppError::BadForm(FormError::Viewer)),
        }
    }

    type Labelled = ((String, String, NaiveDate), Item);

    /// Every item of the subject's data the viewer is asked about, decided
    /// by DOMAIN.md §5 at `now`: the rows, and the count per register.
    pub(super) async fn decide(
        pool: &Db,
        subject: &Subject,
        viewer: &Viewer,
        locale: Locale,
        now: DateTime<Utc>,
    ) -> Result<(Vec<PreviewRow>, Vec<RegisterCount>), AppError> {
        use crate::domain::data_use::preview;
        use crate::domain::validity::valid_at;
        let names = ssr::Names::load(pool, subject.citizen, locale, subject.visibility).await?;
        let declarations = pool.declarations(subject.citizen).await?;
        let confirmations = pool.confirmation_instants(subject.citizen).await?;
        let valid = valid_at(&declarations, &confirmations, now);
        let t = locale.texts();
        let mut items: Vec<Labelled> = Vec::new();
        // The wills first: every healthcare viewer sees them. Only the person
        // themself sees them here (DOMAIN.md §6).
        let saved_on = |id| declarations.iter().find(|d| d.id == id).map(|d| crate::domain::time::helsinki_today(d.at));
        let wills_shown = subject.handles(crate::domain::acting::OwnMatter::Wills);
        let wills = [
            valid.living_will.as_ref().map(|(id, _)| (t.wills.living_will, Item::LivingWill(*id), *id)),
            valid.organ_donation.as_ref().map(|(id, _)| (t.wills.organ_donation, Item::OrganDonation(*id), *id)),
        ]
        .map(|w| w.filter(|_| wills_shown));
        for (label, item, id) in wills.into_iter().flatten() {
            let saved = saved_on(id).unwrap_or_else(|| crate::domain::time::helsinki_today(now));
            items.push(((label.to_string(), t.wills.preview_register.to_string(), saved), item));
        }
        // The wellbeing data, one item per kind recorded: not an agent's to see.
        if subject.handles(crate::domain::acting::OwnMatter::WellbeingData) {
            let all = pool.measurements(subject.citizen, subject.visibility).await?;
            for kind in crate::domain::wellbeing::MeasurementKind::ALL {
                let listed = crate::domain::wellbeing::listed(&all, *kind);
                let in_force = listed.iter().filter(|l| l.corrected_by.is_none()).count();
                if let Some(latest) = listed.first() {
                    let label = (t.wellbeing.preview_item)(&t.wellbeing.kind(*kind).to_lowercase(), in_force);
                    let on = crate::domain::time::helsinki_today(latest.measurement.measured_at);
                    items.push(((label, t.wellbeing.phr.to_string(), on), Item::Wellbeing(*kind)));
                }
            }
        }
        for e in &names.visible_events(subject.visibility) {
            let register = crate::api::records::register_label(locale, &names.providers, &e.register);
            items.push((
                (e.title.clone(), register, e.started_on),
                Item::Entry { register: e.register.clone(), service_event: e.id },
            ));
        }
        // Who handles each prescription's open renewal request (rule 2's exception).
        let requests = pool.renewal_requests(subject.citizen, now).await?;
        let renewal_with =
            |id| requests.iter().find(|r| r.prescription == id && r.state.is_open()).map(|r| r.provider.clone());
        for p in &names.visible_prescriptions(subject.visibility) {
            let label = format!("{} {}", p.medicine, p.strength);
            items.push(((label, t.prescription_centre.to_string(), p.prescribed_on), p.item(renewal_with(p.id))));
        }
        // Healthcare abroad is asked about the patient summary's items only:
        // the service events its lines come from and the medicines in use.
        if let crate::domain::decision::ViewerRole::HealthcareAbroad(_) = viewer.role {
            let today = crate::domain::time::helsinki_today(now);
            let data = crate::api::summary::SummaryData::load(pool, subject).await?;
            let view = data.view(today);
            let events: std::collections::HashSet<i64> = (view.risks.iter().map(|r| r.line.event))
                .chain(view.diagnoses.iter().map(|d| d.line.event))
                .chain(view.vaccinations.iter().map(|v| v.event))
                .chain(view.procedures.iter().map(|p| p.event))
                .chain(view.results.iter().map(|r| r.event))
                .collect();
            let medicines: std::collections::HashSet<i64> = view.medicines.iter().map(|m| m.prescription).collect();
            items.retain(|(_, item)| match item {
                Item::Entry { service_event, .. } => events.contains(&service_event.0),
                Item::Prescription { id, .. } => medicines.contains(&id.0),
                Item::LivingWill(_) | Item::OrganDonation(_) | Item::Wellbeing(_) => false,
            });
        }
        let decided = preview(&items, viewer, &valid, now, config()?.cross_sector_opens);
        let rows: Vec<PreviewRow> = decided
            .into_iter()
            .map(|((label, register, date), d)| PreviewRow {
                label: label.clone(),
                register: register.clone(),
                date: *date,
                visible: d.is_visible(),
                reason: names.reason(d.reason(), &declarations),
            })
            .collect();
        let counts = tally(&rows);
        Ok((rows, counts))
    }

    /// How many items of each register the viewer sees and does not, in
    /// the order the registers first appear.
    fn tally(rows: &[PreviewRow]) -> Vec<RegisterCount> {
        let mut counts: Vec<RegisterCount> = Vec::new();
        for r in rows {
            let i = match counts.iter().position(|c| c.register == r.register) {
                Some(i) => i,
                None => {
                    counts.push(RegisterCount { register: r.register.clone(), visible: 0, hidden: 0 });
                    counts.len() - 1
                }
            };
            if r.visible {
                counts[i].visible += 1;
            } else {
                counts[i].hidden += 1;
            }
        }
        counts
    }
}
