import { describe, expect, it } from 'vitest';
import { claimsWithRole, roleFromClaims } from '../../src/auth/roleClaim.js';

describe('the role claim', () => {
  it('reads a plain claim holding one role', () => {
    expect(roleFromClaims({ role: 'analyst' }, 'role')).toBe('analyst');
    expect(roleFromClaims({ role: 'Analyst' }, 'role')).toBeUndefined(); // role names are exact
    expect(roleFromClaims({ role: 'root' }, 'role')).toBeUndefined();
    expect(roleFromClaims({}, 'role')).toBeUndefined();
  });

  it('takes the highest known role of an array, ignoring the rest', () => {
    expect(roleFromClaims({ roles: ['offline_access', 'editor', 'viewer', 42, null] }, 'roles')).toBe('editor');
    expect(roleFromClaims({ roles: ['admin', 'analyst'] }, 'roles')).toBe('admin');
    expect(roleFromClaims({ roles: [] }, 'roles')).toBeUndefined();
  });

  it('follows a dotted path into nested claims (Keycloak)', () => {
    expect(roleFromClaims({ realm_access: { roles: ['uma_authorization', 'investigator'] } }, 'realm_access.roles')).toBe('investigator');
    expect(roleFromClaims({ resource_access: { 'scam-atlas': { roles: ['editor'] } } }, 'resource_access.scam-atlas.roles')).toBe('editor');
    expect(roleFromClaims({ realm_access: ['investigator'] }, 'realm_access.roles')).toBeUndefined();
    expect(roleFromClaims({ realm_access: 'admin' }, 'realm_access.roles')).toBeUndefined();
  });

  it('reads a namespaced claim whose name has dots whole, before trying it as a path (Auth0)', () => {
    const claim = 'https://scam-atlas.example.org/roles';
    expect(roleFromClaims({ [claim]: ['analyst'] }, claim)).toBe('analyst');
  });

  it('never reads inherited properties', () => {
    expect(roleFromClaims({}, 'constructor')).toBeUndefined();
    expect(roleFromClaims({ a: {} }, 'a.toString')).toBeUndefined();
  });

  it('mints claims that it reads back', () => {
    expect(claimsWithRole('role', 'editor')).toEqual({ role: 'editor' });
    expect(claimsWithRole('realm_access.roles', 'admin')).toEqual({ realm_access: { roles: 'admin' } });
    expect(roleFromClaims(claimsWithRole('realm_access.roles', 'admin'), 'realm_access.roles')).toBe('admin');
  });
});
