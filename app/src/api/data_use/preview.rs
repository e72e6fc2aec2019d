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
    use crate::api::forms::{abroad_viewer_choice, parse_situation, parse_viewer_choice, viewer_choice, FormError};
    use crate::domain::data_use::preview;
    use crate::domain::decision::{Item, Viewer, ViewerRole};
    use crate::domain::validity::valid_at;
    use crate::server::*;
    let subject = require_subject().await?;
    let situation = parse_situation(situation.as_deref().unwrap_or("").trim()).map_err(AppError::BadForm)?;
    let pool = pool()?;
    let t = locale.texts();
    let providers = pool.providers(locale).await?;
    let role_name = |r: ViewerRole| match r {
        ViewerRole::Healthcare { occupational_health: false } => t.role_healthcare,
        ViewerRole::Healthcare { occupational_health: true } => t.role_occupational,
        ViewerRole::SocialWelfare => t.role_social_welfare,
        ViewerRole::Pharmacy | ViewerRole::PharmacyAbroad(_) => t.role_pharmacy,
    };
    let countries = pool.abroad_countries(locale).await?;
    let viewer_choices: Vec<Choice> = providers
        .iter()
        .flat_map(|p| p.kind.roles(p.has_occupational_register).into_iter().map(move |r| (p, r)))
        .map(|(p, r)| Choice { value: viewer_choice(&p.id, r), label: (t.viewer_label)(&p.name, role_name(r)) })
        .chain(countries.iter().map(|(code, name)| Choice {
            value: abroad_viewer_choice(*code),
            label: (t.wills.preview_pharmacy_in)(name),
        }))
        .collect();
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
    let viewer = match parse_viewer_choice(chosen).map_err(AppError::BadForm)? {
        (Some(provider_id), role) => {
            let provider = providers
                .iter()
                .find(|p| p.id == provider_id && p.kind.roles(p.has_occupational_register).contains(&role))
                .ok_or(AppError::BadForm(FormError::Viewer))?;
            Viewer { provider: Some(provider_id), role, uusimaa_party: provider.uusimaa_party, situation }
        }
        (None, role @ ViewerRole::PharmacyAbroad(country)) if countries.iter().any(|(c, _)| *c == country) => {
            Viewer { provider: None, role, uusimaa_party: false, situation }
        }
        (None, _) => return Err(AppError::BadForm(FormError::Viewer)),
    };

    let names = ssr::Names::load(&pool, subject.citizen, locale, subject.visibility).await?;
    let declarations = pool.declarations(subject.citizen).await?;
    let confirmations = pool.confirmation_instants(subject.citizen).await?;
    let now = now()?;
    let opens = config()?.cross_sector_opens;
    let valid = valid_at(&declarations, &confirmations, now);

    let events = names.visible_events(subject.visibility);
    let prescriptions = names.visible_prescriptions(subject.visibility);
    let mut items: Vec<((String, String, NaiveDate), Item)> = Vec::new();
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
    for e in &events {
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
    for p in &prescriptions {
        let label = format!("{} {}", p.medicine, p.strength);
        items.push(((label, t.prescription_centre.to_string(), p.prescribed_on), p.item(renewal_with(p.id))));
    }
    let decided = preview(&items, &viewer, &valid, now, opens);
    let mut counts: Vec<RegisterCount> = Vec::new();
    let rows = decided
        .into_iter()
        .map(|((label, register, date), d)| {
            match counts.iter_mut().find(|c| c.register == *register) {
                Some(c) => {
                    if d.is_visible() {
                        c.visible += 1
                    } else {
                        c.hidden += 1
                    }
                }
                None => counts.push(RegisterCount {
                    register: register.clone(),
                    visible: usize::from(d.is_visible()),
                    hidden: usize::from(!d.is_visible()),
                }),
            }
            PreviewRow {
                label: label.clone(),
                register: register.clone(),
                date: *date,
                visible: d.is_visible(),
                reason: names.reason(d.reason(), &declarations),
            }
        })
        .collect();
    Ok(PreviewView {
        viewer_choices,
        viewer: Some(chosen.to_string()),
        situation: situation.as_str().into(),
        rows,
        counts,
    })
}
