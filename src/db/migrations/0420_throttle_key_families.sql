-- A throttle key may name a family member: "<key>:<sub-key>" (sign-in attempts per
-- e-mail *and* IP sit under the e-mail's key), so an administrator's unlock clears the
-- whole family with one prefix match. Both parts stay hashes: nothing readable is stored.
alter table auth_throttles drop constraint auth_throttles_key_check;
alter table auth_throttles add constraint auth_throttles_key_check check (key ~ '^[0-9a-f]{64}(:[0-9a-f]{64})?$');
