-- Listing approval (optional, tenants.settings.marketplace.listingApproval): a listing
-- published, or materially edited while live, waits in PENDING_APPROVAL until a tenant
-- moderator approves it (ACTIVE) or rejects it (back to DRAFT, with the reason in
-- approval_note for its account).
alter type listing_status add value if not exists 'PENDING_APPROVAL' after 'DRAFT';
alter table listings add column approval_note text check (length(approval_note) <= 1000);
