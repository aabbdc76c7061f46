import { describeConstraints } from '../../db/errors';

/** What the database's refusals about media mean (migrations 0150, 0151 and 0004). */
describeConstraints({
  media_storage_quota: {
    kind: 'payload_too_large',
    code: 'STORAGE_QUOTA_EXCEEDED',
    message: 'The storage quota is used up: this file does not fit. Delete (and purge) files or raise the limit',
  },
  media_files_in_use: {
    kind: 'conflict',
    code: 'MEDIA_IN_USE',
    message: 'The file is in use by content, an application or a message; remove it from there first',
  },
  media_files_in_trash: {
    kind: 'unprocessable',
    code: 'MEDIA_IN_TRASH',
    message: 'The file is in the trash; restore it before using it',
  },
  media_files_immutable: {
    kind: 'conflict',
    code: 'MEDIA_IMMUTABLE',
    message: 'The bytes of a stored file cannot change; upload a new file instead',
  },
  media_files_account_hash_key: {
    code: 'MEDIA_DUPLICATE',
    message: 'The account already has this exact file outside the trash',
  },
  media_files_personal_hash_key: {
    code: 'MEDIA_DUPLICATE',
    message: 'You already have this exact file outside the trash',
  },
  media_files_folder_check: { code: 'VALIDATION_FAILED', message: 'The folder name is not valid', field: 'folder' },
  media_files_title_check: { code: 'VALIDATION_FAILED', message: 'The title must be at most 300 characters', field: 'title' },
  media_files_alt_check: { code: 'VALIDATION_FAILED', message: 'The alt text must be at most 1000 characters', field: 'alt' },
  media_files_caption_check: { code: 'VALIDATION_FAILED', message: 'The caption must be at most 2000 characters', field: 'caption' },
});
