/**
 * The messages Mono sends for notices, one template per kind: the in-app title and body,
 * the e-mail's subject, plain text and HTML. Written in Liquid (liquidjs: no code runs in
 * a template; filters only), with the variables each kind declares plus the common ones.
 * Tenant administrators override subject, text and HTML per template and language
 * (GET/PUT /api/v1/tenant/mail-templates/{template}); a template naming a variable its
 * kind does not have is refused.
 */
export interface TemplateDefinition {
  description: string;
  /** The kind's own variables (name → what it holds), besides COMMON_VARIABLES. */
  variables: Record<string, string>;
  title: string;
  body: string;
  subject: string;
  text: string;
}

export const COMMON_VARIABLES: Record<string, string> = {
  tenant: 'The marketplace’s name',
  url: 'The link of the notice (the tenant’s public URL and the console path)',
  brand_color: 'The tenant’s brand colour (#rrggbb)',
  logo_url: 'The tenant’s logo (a URL), or empty',
};

export const TEMPLATES = {
  'application.submitted': {
    description: 'To the listing’s account members who review applications: somebody applied',
    variables: { listing: 'The listing’s title', applicant: 'The applicant’s name' },
    title: 'New application to {{ listing }}',
    body: '{{ applicant }} applied to “{{ listing }}”.',
    subject: 'New application to {{ listing }}',
    text: '{{ applicant }} applied to “{{ listing }}” on {{ tenant }}.\nReview the application: {{ url }}',
  },
  'application.status_changed': {
    description: 'To the applicant: their application was shortlisted, accepted or rejected',
    variables: { listing: 'The listing’s title', status: 'The new status (SHORTLISTED, ACCEPTED, REJECTED)' },
    title: 'Your application to {{ listing }}: {{ status | downcase }}',
    body: 'Your application to “{{ listing }}” is now {{ status | downcase }}.',
    subject: 'Your application to {{ listing }} was {{ status | downcase }}',
    text: 'Your application to “{{ listing }}” on {{ tenant }} is now {{ status | downcase }}.\nSee it: {{ url }}',
  },
  'message.new': {
    description: 'To the other side of a conversation: a new message (e-mails batched per conversation)',
    variables: { sender: 'Who wrote', listing: 'The listing the conversation is about', excerpt: 'The message’s first 200 characters' },
    title: 'New message from {{ sender }}',
    body: '{{ excerpt }}',
    subject: 'New message from {{ sender }} about {{ listing }}',
    text: '{{ sender }} wrote about “{{ listing }}”:\n\n{{ excerpt }}\n\nReply: {{ url }}',
  },
  'booking.requested': {
    description: 'To both sides: a booking was requested (with an .ics invitation)',
    variables: { title: 'The booking’s title', start: 'When it starts, in its time zone', timezone: 'The booking’s time zone', by: 'Who booked' },
    title: 'Booking requested: {{ title }}',
    body: '{{ by }} requested “{{ title }}” on {{ start }} ({{ timezone }}).',
    subject: 'Booking requested: {{ title }} on {{ start }}',
    text: '{{ by }} requested “{{ title }}” on {{ start }} ({{ timezone }}).\nSee it: {{ url }}',
  },
  'booking.confirmed': {
    description: 'To both sides: a booking was confirmed (with an .ics invitation)',
    variables: { title: 'The booking’s title', start: 'When it starts, in its time zone', timezone: 'The booking’s time zone', by: 'Who confirmed' },
    title: 'Booking confirmed: {{ title }}',
    body: '“{{ title }}” on {{ start }} ({{ timezone }}) is confirmed.',
    subject: 'Confirmed: {{ title }} on {{ start }}',
    text: '{{ by }} confirmed “{{ title }}” on {{ start }} ({{ timezone }}).\nSee it: {{ url }}',
  },
  'booking.cancelled': {
    description: 'To both sides: a booking was cancelled (with an .ics cancellation)',
    variables: { title: 'The booking’s title', start: 'When it would have started', timezone: 'The booking’s time zone', by: 'Who cancelled' },
    title: 'Booking cancelled: {{ title }}',
    body: '{{ by }} cancelled “{{ title }}” on {{ start }} ({{ timezone }}).',
    subject: 'Cancelled: {{ title }} on {{ start }}',
    text: '{{ by }} cancelled “{{ title }}” on {{ start }} ({{ timezone }}).\nSee it: {{ url }}',
  },
  'booking.rescheduled': {
    description: 'To both sides: a booking moved (with an updated .ics invitation)',
    variables: { title: 'The booking’s title', start: 'When it starts now', timezone: 'The booking’s time zone', by: 'Who moved it' },
    title: 'Booking moved: {{ title }}',
    body: '{{ by }} moved “{{ title }}” to {{ start }} ({{ timezone }}).',
    subject: 'Moved: {{ title }}, now on {{ start }}',
    text: '{{ by }} moved “{{ title }}” to {{ start }} ({{ timezone }}).\nSee it: {{ url }}',
  },
  'booking_reminder.due': {
    description: 'To both sides, once, a configurable time before a booking starts',
    variables: { title: 'The booking’s title', start: 'When it starts, in its time zone', timezone: 'The booking’s time zone' },
    title: 'Soon: {{ title }}',
    body: '“{{ title }}” starts on {{ start }} ({{ timezone }}).',
    subject: 'Reminder: {{ title }} on {{ start }}',
    text: 'A reminder: “{{ title }}” starts on {{ start }} ({{ timezone }}).\nSee it: {{ url }}',
  },
  'content.submitted': {
    description: 'To the reviewers (tenant.content.review): content waits for review',
    variables: { title: 'The content’s title', author: 'Who submitted it' },
    title: 'To review: {{ title }}',
    body: '{{ author }} submitted “{{ title }}” for review.',
    subject: 'To review: {{ title }}',
    text: '{{ author }} submitted “{{ title }}” for review on {{ tenant }}.\nReview it: {{ url }}',
  },
  'content.approved': {
    description: 'To the author: their content was approved',
    variables: { title: 'The content’s title' },
    title: 'Approved: {{ title }}',
    body: '“{{ title }}” was approved.',
    subject: 'Approved: {{ title }}',
    text: '“{{ title }}” was approved on {{ tenant }}.\nSee it: {{ url }}',
  },
  'content.rejected': {
    description: 'To the author: their content was sent back',
    variables: { title: 'The content’s title', reason: 'The reviewer’s note, or empty' },
    title: 'Not approved: {{ title }}',
    body: '“{{ title }}” was not approved.{% if reason != "" %} {{ reason }}{% endif %}',
    subject: 'Not approved: {{ title }}',
    text: '“{{ title }}” was not approved on {{ tenant }}.{% if reason != "" %}\n\nThe reviewer’s note: {{ reason }}{% endif %}\nSee it: {{ url }}',
  },
  'security.new_sign_in': {
    description: 'To the person: a sign-in from a device not seen before (cannot be turned off)',
    variables: { device: 'The browser or client (user agent)', ip: 'The address it came from', time: 'When (UTC)' },
    title: 'New sign-in from {{ device }}',
    body: 'Signed in from {{ device }} ({{ ip }}) at {{ time }}. Not you? Change your password.',
    subject: 'New sign-in to your {{ tenant }} account',
    text: 'Your account was signed in to from a new device: {{ device }} ({{ ip }}) at {{ time }}.\nIf it was not you, change your password and sign out other sessions: {{ url }}',
  },
  'security.password_changed': {
    description: 'To the person: their password was changed (cannot be turned off)',
    variables: { time: 'When (UTC)' },
    title: 'Your password was changed',
    body: 'Your password was changed at {{ time }}.',
    subject: 'Your {{ tenant }} password was changed',
    text: 'Your password was changed at {{ time }}.\nIf it was not you, reset it now: {{ url }}',
  },
  'security.two_factor_disabled': {
    description: 'To the person: two-factor sign-in was turned off (cannot be turned off)',
    variables: { time: 'When (UTC)' },
    title: 'Two-factor sign-in turned off',
    body: 'Two-factor sign-in was turned off at {{ time }}.',
    subject: 'Two-factor sign-in was turned off on {{ tenant }}',
    text: 'Two-factor sign-in was turned off for your account at {{ time }}.\nIf it was not you, secure your account: {{ url }}',
  },
} satisfies Record<string, TemplateDefinition>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
export type TemplateVariables<K extends TemplateName> = Record<keyof (typeof TEMPLATES)[K]['variables'], string>;
