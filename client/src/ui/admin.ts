import type { Party } from '../../../server/contracts/parties.js';
import { PARTY_KINDS } from '../../../server/contracts/parties.js';
import type { User } from '../../../server/contracts/users.js';
import { ROLES, roleHas } from '../../../server/domain/permissions.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { label, t } from '../i18n.js';
import { errorBlock } from './status.js';

const field = (id: string, text: string, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, text), control);

function options(values: readonly string[], current: string | null, text: (value: string) => string = label, empty: string | null = null) {
  return [...(empty === null ? [] : [h('option', { value: '', selected: current === null }, empty)]), ...values.map((value) => h('option', { value, selected: value === current }, text(value)))];
}

/** Plain screens: areas for directors (create; edit on the area page), users and parties for admins. */
export async function renderAdmin(main: HTMLElement, user: User, _hash: string): Promise<void> {
  const sections: HTMLElement[] = [];
  const parties = await api.parties();
  if (roleHas(user.role, 'manage_areas')) sections.push(areasSection());
  if (roleHas(user.role, 'manage_users')) sections.push(await usersSection(parties), await directorsSection());
  if (roleHas(user.role, 'manage_parties')) sections.push(partiesSection(parties));
  main.replaceChildren(h('h1', {}, t('adminNav')), ...sections);
}

function areasSection(): HTMLElement {
  const feedback = h('div', { 'aria-live': 'polite' });
  const id = h('input', { id: 'new-area-id', type: 'text', required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*' });
  const name = h('input', { id: 'new-area-name', type: 'text', required: true });
  const description = h('input', { id: 'new-area-description', type: 'text' });
  return h(
    'section',
    { class: 'admin-section', 'aria-labelledby': 'areas-admin-title' },
    h('h2', { id: 'areas-admin-title' }, t('areaNew')),
    h(
      'form',
      {
        class: 'toolbar',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          try {
            const area = await api.createArea({ id: id.value.trim(), name: name.value.trim(), description: description.value.trim() || null });
            feedback.replaceChildren(h('p', { role: 'status' }, `${t('saved')} `, h('a', { href: `#/gebied/${encodeURIComponent(area.id)}` }, area.name)));
          } catch (error) {
            feedback.replaceChildren(errorBlock(error));
          }
        },
      },
      field(id.id, t('idField'), id),
      field(name.id, t('name'), name),
      field(description.id, t('description'), description),
      h('button', { type: 'submit', class: 'create-area' }, t('add')),
    ),
    feedback,
  );
}

async function usersSection(parties: Party[]): Promise<HTMLElement> {
  const feedback = h('div', { 'aria-live': 'polite' });
  const body = h('tbody', {});
  const partyName = (id: string) => parties.find((party) => party.id === id)?.name ?? id;
  const refresh = async () => {
    const users = await api.users();
    body.replaceChildren(
      ...users.map((row) => {
        const role = h('select', { id: `role-${row.id}`, 'aria-label': `${t('roleField')}: ${row.name}` }, options(ROLES, row.role));
        const party = h('select', { id: `party-${row.id}`, 'aria-label': `${t('party')}: ${row.name}` }, options(parties.map((candidate) => candidate.id), row.partyId, partyName, t('noParty')));
        return h(
          'tr',
          {},
          h('td', {}, row.name),
          h('td', {}, row.email),
          h('td', {}, role),
          h('td', {}, party),
          h(
            'td',
            {},
            h(
              'button',
              {
                type: 'button',
                onclick: () =>
                  void api.patchUser(row.id, { role: role.value as User['role'], partyId: party.value || null }).then(
                    () => feedback.replaceChildren(h('p', { role: 'status' }, t('saved'))),
                    (error: unknown) => feedback.replaceChildren(errorBlock(error)),
                  ),
              },
              t('save'),
            ),
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'danger',
                onclick: () => {
                  if (!window.confirm(t('removeUserConfirm', { name: row.name }))) return;
                  void api.deleteUser(row.id).then(
                    (removed) => {
                      feedback.replaceChildren(h('p', { role: 'status' }, t('userRemoved', { sessions: removed.revokedCredentials.sessions })));
                      void refresh();
                    },
                    (error: unknown) => feedback.replaceChildren(errorBlock(error)),
                  );
                },
              },
              t('removeUser'),
            ),
          ),
        );
      }),
    );
  };
  await refresh();
  const email = h('input', { id: 'new-user-email', type: 'email', required: true });
  const name = h('input', { id: 'new-user-name', type: 'text', required: true });
  const role = h('select', { id: 'new-user-role' }, options(ROLES, 'editor'));
  const party = h('select', { id: 'new-user-party' }, options(parties.map((candidate) => candidate.id), null, partyName, t('noParty')));
  const password = h('input', { id: 'new-user-password', type: 'password', autocomplete: 'new-password', minlength: '8', required: true });
  return h(
    'section',
    { class: 'admin-section', 'aria-labelledby': 'users-title' },
    h('h2', { id: 'users-title' }, t('usersTitle')),
    h(
      'table',
      { class: 'data-table' },
      h('caption', { class: 'sr-only' }, t('usersTitle')),
      h('thead', {}, h('tr', {}, [t('name'), t('email'), t('roleField'), t('party'), ''].map((text) => h('th', { scope: 'col' }, text)))),
      body,
    ),
    h(
      'form',
      {
        class: 'toolbar',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          try {
            await api.createUser({ email: email.value.trim(), name: name.value.trim(), role: role.value as User['role'], partyId: party.value || null, password: password.value });
            feedback.replaceChildren(h('p', { role: 'status' }, t('saved')));
            password.value = '';
            await refresh();
          } catch (error) {
            feedback.replaceChildren(errorBlock(error));
          }
        },
      },
      field(email.id, t('email'), email),
      field(name.id, t('name'), name),
      field(role.id, t('roleField'), role),
      field(party.id, t('party'), party),
      field(password.id, t('newPassword'), password),
      h('button', { type: 'submit', class: 'create-user' }, t('add')),
    ),
    feedback,
  );
}

/**
 * Who directs which area: pick an area, tick its directors among the users with the role
 * area director, save. Only admins assign them (a director's rights over an area follow from it).
 */
async function directorsSection(): Promise<HTMLElement> {
  const feedback = h('div', { 'aria-live': 'polite' });
  const areas = await api.areas();
  const choices = h('fieldset', { class: 'director-choices', hidden: true });
  const area = h(
    'select',
    { id: 'directors-area', onchange: () => void showDirectors() },
    options(areas.map((candidate) => candidate.id), null, (id) => areas.find((candidate) => candidate.id === id)?.name ?? id, t('chooseArea')),
  );
  const save = h('button', { type: 'submit', class: 'save-directors', disabled: true }, t('save'));
  const showDirectors = async () => {
    feedback.replaceChildren();
    save.disabled = !area.value;
    choices.hidden = !area.value;
    if (!area.value) return;
    try {
      const [users, current] = await Promise.all([api.users(), api.areaDirectors(area.value)]);
      const directing = new Set(current.map((director) => director.userId));
      const candidates = users.filter((candidate) => candidate.role === 'area_director');
      choices.replaceChildren(
        h('legend', {}, t('directorsOf', { area: area.selectedOptions[0]?.textContent ?? area.value })),
        ...(candidates.length === 0
          ? [h('p', {}, t('noDirectorUsers'))]
          : candidates.map((candidate) =>
              h(
                'label',
                { class: 'check' },
                h('input', { type: 'checkbox', name: 'director', value: candidate.id, checked: directing.has(candidate.id) }),
                ` ${candidate.name}`,
              ),
            )),
      );
    } catch (error) {
      feedback.replaceChildren(errorBlock(error));
    }
  };
  return h(
    'section',
    { class: 'admin-section', 'aria-labelledby': 'directors-title' },
    h('h2', { id: 'directors-title' }, t('directorsTitle')),
    h('p', {}, t('directorsIntro')),
    h(
      'form',
      {
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const userIds = [...choices.querySelectorAll<HTMLInputElement>('input[name="director"]:checked')].map((box) => box.value);
          try {
            const directors = await api.putAreaDirectors(area.value, userIds);
            feedback.replaceChildren(h('p', { role: 'status' }, t('directorsSaved', { count: directors.length })));
          } catch (error) {
            feedback.replaceChildren(errorBlock(error));
          }
        },
      },
      field(area.id, t('areaField'), area),
      choices,
      save,
    ),
    feedback,
  );
}

function partiesSection(parties: Party[]): HTMLElement {
  const feedback = h('div', { 'aria-live': 'polite' });
  const list = h('ul', { class: 'party-list' }, parties.map((party) => h('li', {}, `${party.name} (${party.id}, ${label(party.kind)})`)));
  const id = h('input', { id: 'new-party-id', type: 'text', required: true });
  const name = h('input', { id: 'new-party-name', type: 'text', required: true });
  const kind = h('select', { id: 'new-party-kind' }, options(PARTY_KINDS, 'gemeente'));
  return h(
    'section',
    { class: 'admin-section', 'aria-labelledby': 'parties-title' },
    h('h2', { id: 'parties-title' }, t('partiesTitle')),
    list,
    h(
      'form',
      {
        class: 'toolbar',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          try {
            const party = await api.createParty({ id: id.value.trim(), name: name.value.trim(), kind: kind.value as Party['kind'] });
            list.append(h('li', {}, `${party.name} (${party.id}, ${label(party.kind)})`));
            parties.push(party);
            // The user forms offer the new party at once.
            document.querySelectorAll<HTMLSelectElement>('#new-user-party, select[id^="party-"]').forEach((select) => select.append(h('option', { value: party.id }, party.name)));
            feedback.replaceChildren(h('p', { role: 'status' }, t('saved')));
          } catch (error) {
            feedback.replaceChildren(errorBlock(error));
          }
        },
      },
      field(id.id, t('idField'), id),
      field(name.id, t('name'), name),
      field(kind.id, t('partyKind'), kind),
      h('button', { type: 'submit', class: 'create-party' }, t('add')),
    ),
    feedback,
  );
}
