-- A TOTP code is valid for its 30-second step (±1 for clock drift): the last step used
-- is remembered so that the same code cannot be used twice.
alter table users add column two_factor_last_step bigint;

-- Moving the last used step is bookkeeping: not an update of the user, not an audit entry.
drop trigger audit on users;
select mono.enable_audit('users', 'hashed_password,two_factor_secret', 'last_login_at,login_count,two_factor_last_step');
drop trigger touch_updated_at on users;
select mono.enable_touch('users', '{last_login_at,login_count,two_factor_last_step}');
