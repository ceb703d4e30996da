/**
 * Shapes every part of the API shares: the view a question is asked at, a page of a list,
 * an estate object as the API sends it, a service and a failing element by id.
 */
import type { EstateObject } from '../model/objectSchemas.js';

/** A UTC instant as the timeline orders by (`2026-05-01T00:00:00.000Z`). */
export type Instant = string;

/** Which view of the timeline to read: an instant, and optionally a plan overlaid. */
export interface ViewQuery {
  /** Date or date-time as the user wrote it; default now. */
  readonly at?: string | undefined;
  readonly plan?: string | undefined;
}

/** A page of a list route (`/sites`, `/changesets`, …): its items and how many there are in all. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** A list answered whole (plans, users, tokens). */
export interface Items<T> {
  readonly items: T[];
}

/** One page of a list inside a report: where it starts, its size limit, and how many items there are in all. */
export interface PageInfo {
  readonly offset: number;
  readonly limit: number | null;
  readonly total: number;
}

/** Any estate object as the API sends it: the model's object with whatever fields it carries. */
export type ObjectOut = EstateObject & Record<string, unknown>;

/** The estate object of one kind. */
export type ObjectOfKind<K extends ObjectOut['kind']> = Extract<ObjectOut, { kind: K }>;

/** A service named by its usage and site. */
export interface ServiceRef {
  readonly usage: string;
  readonly tenant: string;
  readonly application: string;
  readonly site: string;
  readonly users: number;
}

/** What can fail in the analyses. */
export type ElementKind = 'device' | 'link' | 'site' | 'risk-group';

/** An element by id and kind. */
export interface ElementRefOut {
  readonly id: string;
  readonly kind: ElementKind;
}

/** A text the server wrote (a generated title, a warning) as a code and its parameters, for a client to show in its user's language (docs/api.md, "Texts the server writes"). */
export interface ServerText {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A warning as a code with parameters and its English message. */
export type ServerNotice = ServerText & { readonly message: string };
