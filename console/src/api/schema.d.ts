/**
 * Generated from Mono's /openapi.json by `npm run console:api-types` — do not edit.
 * test/console/api-types.test.ts fails when this file is stale.
 */

export interface paths {
    "/api/v1/public/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register
         * @description Creates a user in the tenant named by X-Tenant and sends a verification e-mail. Passwords need 10+ characters with three of lower/upper/digit/symbol, or a 16+ character passphrase.
         *
         *     **Permission:** `public.auth.register`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                        displayName: string;
                        username?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Answers a session token for `Authorization: Bearer`. With two-factor authentication on, send `totp` (or `recoveryCode`) too; without it the answer is 401 TWO_FACTOR_REQUIRED. Repeated failures are answered 429 with Retry-After.
         *
         *     **Permission:** `public.auth.login`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                        totp?: string;
                        recoveryCode?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            /** Format: date-time */
                            expiresAt: string;
                            user: components["schemas"]["User"];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out (revokes the session of the bearer token)
         * @description **Permission:** `public.auth.logout`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify an e-mail address with the token from the e-mail
         * @description **Permission:** `public.auth.verify`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request a password reset e-mail
         * @description Always answers 202, whether or not the address belongs to a user.
         *
         *     **Permission:** `public.auth.reset`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the token from the e-mail (signs out every session)
         * @description **Permission:** `public.auth.reset`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user
         * @description **Permission:** `user.profile.read`
         *
         *     **Permission:** `user.profile.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change e-mail address or username (a new address must be verified again)
         * @description **Permission:** `user.profile.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email?: string;
                        username?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/user/me/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a new verification e-mail
         * @description **Permission:** `user.profile.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My profile
         * @description **Permission:** `user.profile.read`
         *
         *     **Permission:** `user.profile.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Profile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change my profile (completeness is recomputed by the server)
         * @description **Permission:** `user.profile.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        bio?: string | null;
                        avatar?: string | null;
                        coverImage?: string | null;
                        phone?: string | null;
                        website?: string | null;
                        location?: string | null;
                        title?: string | null;
                        company?: string | null;
                        experience?: {
                            title: string;
                            company?: string;
                            /** Format: date */
                            from?: string;
                            /** Format: date */
                            to?: string;
                            description?: string;
                        }[] | null;
                        skills?: string[];
                        socialLinks?: {
                            [key: string]: string;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Profile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/user/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change my password (signs out my other sessions)
         * @description **Permission:** `user.security.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            revokedSessions: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My active sessions, newest first
         * @description **Permission:** `user.sessions.read`
         *
         *     **Permission:** `user.sessions.read`
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Session"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Sign out one of my sessions
         * @description **Permission:** `user.sessions.delete`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/sessions/revoke-others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out every session but this one
         * @description **Permission:** `user.sessions.delete`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            revokedSessions: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/2fa/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start enrolling an authenticator app
         * @description Answers the secret and an otpauth:// URI (show it as a QR code). Nothing changes until /confirm.
         *
         *     **Permission:** `user.security.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            secret: string;
                            otpauthUrl: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/2fa/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn two-factor on with a first code; answers one-time recovery codes
         * @description **Permission:** `user.security.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Shown once: store them somewhere safe */
                            recoveryCodes: string[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/2fa/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn two-factor off (password and a code or recovery code)
         * @description **Permission:** `user.security.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        code?: string;
                        recoveryCode?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/2fa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the recovery codes (needs a current code)
         * @description **Permission:** `user.security.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Shown once: store them somewhere safe */
                            recoveryCodes: string[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List and search users
         * @description **Permission:** `tenant.users.read`
         *
         *     **Permission:** `tenant.users.read`
         */
        get: {
            parameters: {
                query?: {
                    /** @description Part of the e-mail, username or display name */
                    q?: string;
                    status?: "active" | "deactivated" | "deleted" | "all";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["User"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create or invite a user
         * @description Without a password the user gets an invitation e-mail to choose one. Roles follow the escalation rules: you can only give roles whose permissions you hold.
         *
         *     **Permission:** `tenant.users.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        displayName: string;
                        username?: string;
                        password?: string;
                        roles?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One user
         * @description **Permission:** `tenant.users.read`
         *
         *     **Permission:** `tenant.users.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a user (soft: hidden, signed out, e-mail address free again)
         * @description **Permission:** `tenant.users.delete`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a user
         * @description **Permission:** `tenant.users.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email?: string;
                        username?: string | null;
                        displayName?: string;
                        emailVerified?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tenant/users/{userId}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate a user (signs them out everywhere)
         * @description **Permission:** `tenant.users.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/users/{userId}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reactivate a user
         * @description **Permission:** `tenant.users.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants
         * @description **Permission:** `platform.tenants.read`
         *
         *     **Permission:** `platform.tenants.read`
         */
        get: {
            parameters: {
                query?: {
                    status?: "ACTIVE" | "TRIAL" | "SUSPENDED" | "INACTIVE";
                    q?: string;
                    includeDeleted?: "true" | "false";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Tenant"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a tenant with its first administrator
         * @description **Permission:** `platform.tenants.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        identifier: string;
                        name: string;
                        /**
                         * @default TRIAL
                         * @enum {string}
                         */
                        status?: "ACTIVE" | "TRIAL";
                        /** @default free */
                        plan?: string;
                        planExpiry?: string | null;
                        features?: string[];
                        settings?: {
                            [key: string]: unknown;
                        };
                        admin: {
                            /** Format: email */
                            email: string;
                            password: string;
                            displayName: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tenant: components["schemas"]["Tenant"];
                            admin: components["schemas"]["User"];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One tenant
         * @description **Permission:** `platform.tenants.read`
         *
         *     **Permission:** `platform.tenants.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a tenant (soft: INACTIVE, identifier free again)
         * @description **Permission:** `platform.tenants.delete`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change name, plan, plan expiry, features or settings
         * @description **Permission:** `platform.tenants.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        plan?: string;
                        planExpiry?: string | null;
                        features?: string[];
                        settings?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/platform/tenants/{tenantId}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend a tenant (its users get 403 TENANT_SUSPENDED)
         * @description **Permission:** `platform.tenants.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants/{tenantId}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a tenant
         * @description **Permission:** `platform.tenants.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This tenant and its settings
         * @description **Permission:** `tenant.settings.read`
         *
         *     **Permission:** `tenant.settings.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the tenant’s name or settings
         * @description Known settings: `registration` ("open" | "closed"), `accountCreation` ("open" | "admin"), `branding` (shown publicly), and the media settings documented in docs/media.md. Settings are replaced as a whole.
         *
         *     **Permission:** `tenant.settings.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        settings?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/public/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public face of the tenant named by X-Tenant
         * @description **Permission:** `public.tenant.read`
         *
         *     **Permission:** `public.tenant.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublicTenant"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List and search accounts
         * @description **Permission:** `tenant.accounts.read`
         *
         *     **Permission:** `tenant.accounts.read`
         */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    type?: "INDIVIDUAL" | "AGENCY" | "VENDOR" | "CLIENT";
                    status?: "PENDING" | "ACTIVE" | "SUSPENDED" | "INACTIVE";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Account"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an account (optionally with its first admin)
         * @description **Permission:** `tenant.accounts.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        identifier: string;
                        name: string;
                        /** @enum {string} */
                        type: "INDIVIDUAL" | "AGENCY" | "VENDOR" | "CLIENT";
                        /**
                         * Format: uuid
                         * @description A user who becomes the account’s first admin
                         */
                        ownerId?: string;
                        /** @default free */
                        plan?: string;
                        /** @description Overrides of the plan limits; null removes an override */
                        limits?: {
                            maxActiveListings?: number | null;
                            storageBytes?: number | null;
                            maxMembers?: number | null;
                        };
                        features?: string[];
                        businessInfo?: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One account
         * @description **Permission:** `tenant.accounts.read`
         *
         *     **Permission:** `tenant.accounts.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete an account (soft)
         * @description **Permission:** `tenant.accounts.delete`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change an account: status, verification, limits, features, info
         * @description **Permission:** `tenant.accounts.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @enum {string} */
                        type?: "INDIVIDUAL" | "AGENCY" | "VENDOR" | "CLIENT";
                        /** @enum {string} */
                        status?: "PENDING" | "ACTIVE" | "SUSPENDED" | "INACTIVE";
                        verified?: boolean;
                        /** @description Overrides of the plan limits; null removes an override */
                        limits?: {
                            maxActiveListings?: number | null;
                            storageBytes?: number | null;
                            maxMembers?: number | null;
                        };
                        features?: string[];
                        businessInfo?: {
                            [key: string]: unknown;
                        } | null;
                        billingInfo?: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tenant/accounts/{accountId}/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the account’s subscription (plan, status, period)
         * @description **Permission:** `tenant.accounts.update`
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        plan: string;
                        /** @enum {string} */
                        status?: "TRIALING" | "ACTIVE" | "PAST_DUE" | "CANCELED" | "EXPIRED";
                        currentPeriodEnd?: string | null;
                        trialEndsAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/accounts/{accountId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a member directly (tenant administrators; account admins invite instead)
         * @description Refused with 409 MEMBER_LIMIT_REACHED when the plan’s maxMembers is reached.
         *
         *     **Permission:** `tenant.accounts.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        userId?: string;
                        /** Format: email */
                        email?: string;
                        /** @enum {string} */
                        role: "admin" | "member" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountMember"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The account: details, business info, limits, subscription
         * @description **Permission:** `account.details.read`
         *
         *     **Permission:** `account.details.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the account’s name, business or billing info
         * @description **Permission:** `account.details.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        businessInfo?: {
                            [key: string]: unknown;
                        } | null;
                        billingInfo?: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/account/{accountId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The account’s members
         * @description **Permission:** `account.members.read`
         *
         *     **Permission:** `account.members.read`
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AccountMember"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pending invitations
         * @description **Permission:** `account.members.read`
         *
         *     **Permission:** `account.members.read`
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AccountInvitation"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite someone (by e-mail) to join as admin, member or viewer
         * @description Joining needs consent: the person accepts with POST /api/v1/user/invitations/{id}/accept, signed in with that verified address. The answer is the same whether or not the address is registered. The invitation expires after 14 days.
         *
         *     **Permission:** `account.members.manage`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** @enum {string} */
                        role: "admin" | "member" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountInvitation"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Withdraw an invitation
         * @description **Permission:** `account.members.manage`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    invitationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member (never the last admin)
         * @description **Permission:** `account.members.manage`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a member’s role (the last admin cannot be demoted)
         * @description **Permission:** `account.members.manage`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "admin" | "member" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountMember"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/user/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The accounts I belong to, with my role
         * @description **Permission:** `user.accounts.read`
         *
         *     **Permission:** `user.accounts.read`
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Membership"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an account and become its admin
         * @description **Permission:** `user.accounts.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        identifier: string;
                        name: string;
                        /** @enum {string} */
                        type: "INDIVIDUAL" | "AGENCY" | "VENDOR" | "CLIENT";
                        businessInfo?: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Invitations to my address
         * @description **Permission:** `user.accounts.join`
         *
         *     **Permission:** `user.accounts.join`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AccountInvitation"][];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/invitations/{invitationId}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation and join the account (needs a verified e-mail address)
         * @description **Permission:** `user.accounts.join`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invitationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountMember"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/invitations/{invitationId}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline an invitation
         * @description **Permission:** `user.accounts.join`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invitationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Leave an account (not as its last admin)
         * @description **Permission:** `user.accounts.join`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The permission catalog, with the wildcard forms
         * @description **Permission:** `platform.permissions.read`
         *
         *     **Permission:** `platform.permissions.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Permission"][];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What I may do, tenant-wide and per account (for UIs)
         * @description **Permission:** `user.permissions.read`
         *
         *     **Permission:** `user.permissions.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EffectivePermissions"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles of this tenant with their permissions
         * @description **Permission:** `tenant.roles.read`
         *
         *     **Permission:** `tenant.roles.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Role"][];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a custom role
         * @description You can only put permissions into a role that you hold yourself, and not create a role above your own level.
         *
         *     **Permission:** `tenant.roles.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        description?: string;
                        /**
                         * @default TENANT
                         * @enum {string}
                         */
                        level?: "TENANT" | "ACCOUNT" | "USER";
                        /** @default [] */
                        permissions?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Role"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/roles/{roleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One role
         * @description **Permission:** `tenant.roles.read`
         *
         *     **Permission:** `tenant.roles.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    roleId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Role"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a custom role (and its assignments)
         * @description **Permission:** `tenant.roles.delete`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    roleId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename or describe a custom role
         * @description **Permission:** `tenant.roles.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    roleId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Role"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tenant/roles/{roleId}/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace a custom role’s permissions
         * @description **Permission:** `tenant.roles.update`
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    roleId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        permissions: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Role"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/users/{userId}/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user’s roles and direct permission grants/denies
         * @description **Permission:** `tenant.grants.read`
         *
         *     **Permission:** `tenant.grants.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserGrants"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/users/{userId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign a role (tenant-wide or in one account, optionally until a time)
         * @description **Permission:** `tenant.grants.manage`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        roleId?: string;
                        /** @description The role name, instead of roleId */
                        role?: string;
                        /** @description Scope the role to one account (ACCOUNT-level roles only) */
                        accountId?: string | null;
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RoleAssignment"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/users/{userId}/roles/{assignmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a role assignment
         * @description **Permission:** `tenant.grants.manage`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                    assignmentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/users/{userId}/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Grant or explicitly deny a permission (tenant-wide or in one account, optionally until a time)
         * @description An explicit deny (`granted: false`) beats every grant, wildcards included.
         *
         *     **Permission:** `tenant.grants.manage`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        permission: string;
                        /**
                         * @description false records an explicit deny, which beats every grant
                         * @default true
                         */
                        granted?: boolean;
                        accountId?: string | null;
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PermissionGrant"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/users/{userId}/permissions/{grantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a permission grant or deny
         * @description **Permission:** `tenant.grants.manage`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                    grantId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My bookings, as client or as the booked resource, by start time
         * @description **Permission:** `user.bookings.read`
         *
         *     **Permission:** `user.bookings.read`
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only bookings where the caller is the client, or the resource */
                    role?: "client" | "resource";
                    status?: "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
                    /** @description Bookings ending after this instant */
                    from?: string;
                    /** @description Bookings starting before this instant */
                    to?: string;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Booking"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Book a resource (optionally recurring, with an RRULE)
         * @description Inside the resource’s availability, or outside it with overrideAvailability (account managers of the resource only). A time another active booking holds answers 409 BOOKING_SLOT_TAKEN; a recurring series is created whole or not at all, and the error names the clashing occurrences.
         *
         *     **Permission:** `user.bookings.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description The person being booked
                         */
                        resourceId: string;
                        /**
                         * Format: uuid
                         * @description Who the booking is for; defaults to the caller. Booking for someone else needs account.bookings.manage for the resource
                         */
                        clientId?: string;
                        title: string;
                        description?: string;
                        /**
                         * @default APPOINTMENT
                         * @enum {string}
                         */
                        type?: "APPOINTMENT" | "SERVICE" | "CONSULTATION" | "EVENT";
                        /** Format: date-time */
                        start: string;
                        /** Format: date-time */
                        end: string;
                        /** @description Zone the booking (and its recurrence) lives in; defaults to the resource’s availability zone, else UTC */
                        timezone?: string;
                        /** @description RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10 */
                        recurrence?: string;
                        location?: string;
                        /** Format: uri */
                        meetingUrl?: string;
                        /** @description Set only by the resource or an account manager of the resource (a client gets 403 BOOKING_EDIT_FORBIDDEN) */
                        price?: string;
                        currency?: string;
                        /**
                         * @description Book outside the resource’s availability (account managers only)
                         * @default false
                         */
                        overrideAvailability?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/bookings/{bookingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One booking
         * @description **Permission:** `user.bookings.read`
         *
         *     **Permission:** `user.bookings.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Booking"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a booking’s details, price or payment
         * @description Title, description, location and meeting URL: any party. Price, currency and paid: the resource or an account manager.
         *
         *     **Permission:** `user.bookings.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title?: string;
                        description?: string | null;
                        location?: string | null;
                        meetingUrl?: string | null;
                        price?: string | null;
                        currency?: string | null;
                        paid?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Booking"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/user/bookings/{bookingId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a pending booking (resource or account)
         * @description **Permission:** `user.bookings.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/bookings/{bookingId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a confirmed booking (resource or account)
         * @description **Permission:** `user.bookings.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/bookings/{bookingId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a booking in progress (resource or account)
         * @description **Permission:** `user.bookings.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/bookings/{bookingId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a pending or confirmed booking (client, resource or account); scope=following cancels the rest of its series
         * @description **Permission:** `user.bookings.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description cancel only: this occurrence, or it and every later one of its series
                         * @default occurrence
                         * @enum {string}
                         */
                        scope?: "occurrence" | "following";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/bookings/{bookingId}/no-show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a confirmed booking whose start has passed as a no-show (resource or account)
         * @description **Permission:** `user.bookings.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Weekly windows, date overrides and blocked ranges
         * @description **Permission:** `user.availability.read`
         *
         *     **Permission:** `user.availability.read`
         */
        get: {
            parameters: {
                query?: {
                    /** @description First date of overrides and blocks to return; defaults to today (UTC) */
                    from?: string;
                    /** @description Last date; defaults to 90 days after from */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Availability"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/availability/weekly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the weekly schedule
         * @description All windows in one IANA zone; dayOfWeek 0 is Sunday. Windows of one day must not overlap; 24:00 ends a day. An empty list clears the schedule.
         *
         *     **Permission:** `user.availability.update`
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description IANA time zone, e.g. Europe/Vienna */
                        timezone: string;
                        windows: {
                            /** @description 0 = Sunday … 6 = Saturday */
                            dayOfWeek: number;
                            start: string;
                            end: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            weekly: {
                                /** Format: uuid */
                                id: string;
                                dayOfWeek: number;
                                start: string;
                                end: string;
                                timezone: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/availability/overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace one date: other windows, or available: false to block the whole day
         * @description **Permission:** `user.availability.update`
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        date: string;
                        /** @description IANA time zone, e.g. Europe/Vienna */
                        timezone: string;
                        /**
                         * @description false blocks the whole day
                         * @default true
                         */
                        available?: boolean;
                        /** @default [] */
                        windows?: {
                            start: string;
                            end: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            date: string;
                            timezone: string;
                            available: boolean;
                            windows: {
                                start: string;
                                end: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Remove a date’s override (the weekly windows apply again)
         * @description **Permission:** `user.availability.update`
         */
        delete: {
            parameters: {
                query: {
                    date: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/availability/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Block a range of time (holiday, sick leave)
         * @description **Permission:** `user.availability.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        start: string;
                        /** Format: date-time */
                        end: string;
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            start: string;
                            /** Format: date-time */
                            end: string;
                            reason: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/availability/blocks/{blockId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a blocked range
         * @description **Permission:** `user.availability.update`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blockId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/availability/calendar-feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create (or replace) the secret iCalendar feed of my bookings
         * @description The URL is shown once; subscribe to it from a calendar app. Creating a new one makes the previous URL stop working.
         *
         *     **Permission:** `user.availability.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            url: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Revoke the iCalendar feed
         * @description **Permission:** `user.availability.update`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Bookings of the account’s members (as the booked resource)
         * @description **Permission:** `account.bookings.read`
         *
         *     **Permission:** `account.bookings.read`
         */
        get: {
            parameters: {
                query?: {
                    resourceId?: string;
                    status?: "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
                    from?: string;
                    to?: string;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Booking"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Book a resource (optionally recurring, with an RRULE)
         * @description Inside the resource’s availability, or outside it with overrideAvailability (account managers of the resource only). A time another active booking holds answers 409 BOOKING_SLOT_TAKEN; a recurring series is created whole or not at all, and the error names the clashing occurrences.
         *
         *     **Permission:** `account.bookings.manage`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description The person being booked
                         */
                        resourceId: string;
                        /**
                         * Format: uuid
                         * @description Who the booking is for; defaults to the caller. Booking for someone else needs account.bookings.manage for the resource
                         */
                        clientId?: string;
                        title: string;
                        description?: string;
                        /**
                         * @default APPOINTMENT
                         * @enum {string}
                         */
                        type?: "APPOINTMENT" | "SERVICE" | "CONSULTATION" | "EVENT";
                        /** Format: date-time */
                        start: string;
                        /** Format: date-time */
                        end: string;
                        /** @description Zone the booking (and its recurrence) lives in; defaults to the resource’s availability zone, else UTC */
                        timezone?: string;
                        /** @description RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10 */
                        recurrence?: string;
                        location?: string;
                        /** Format: uri */
                        meetingUrl?: string;
                        /** @description Set only by the resource or an account manager of the resource (a client gets 403 BOOKING_EDIT_FORBIDDEN) */
                        price?: string;
                        currency?: string;
                        /**
                         * @description Book outside the resource’s availability (account managers only)
                         * @default false
                         */
                        overrideAvailability?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/bookings/{bookingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One booking
         * @description **Permission:** `account.bookings.read`
         *
         *     **Permission:** `account.bookings.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Booking"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a booking’s details, price or payment
         * @description Title, description, location and meeting URL: any party. Price, currency and paid: the resource or an account manager.
         *
         *     **Permission:** `account.bookings.manage`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title?: string;
                        description?: string | null;
                        location?: string | null;
                        meetingUrl?: string | null;
                        price?: string | null;
                        currency?: string | null;
                        paid?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Booking"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/account/{accountId}/bookings/{bookingId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a pending booking (resource or account)
         * @description **Permission:** `account.bookings.manage`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/bookings/{bookingId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a confirmed booking (resource or account)
         * @description **Permission:** `account.bookings.manage`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/bookings/{bookingId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a booking in progress (resource or account)
         * @description **Permission:** `account.bookings.manage`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/bookings/{bookingId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a pending or confirmed booking (client, resource or account); scope=following cancels the rest of its series
         * @description **Permission:** `account.bookings.manage`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description cancel only: this occurrence, or it and every later one of its series
                         * @default occurrence
                         * @enum {string}
                         */
                        scope?: "occurrence" | "following";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/bookings/{bookingId}/no-show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a confirmed booking whose start has passed as a no-show (resource or account)
         * @description **Permission:** `account.bookings.manage`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookingResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/members/{userId}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Weekly windows, date overrides and blocked ranges
         * @description **Permission:** `account.bookings.read`
         *
         *     **Permission:** `account.bookings.read`
         */
        get: {
            parameters: {
                query?: {
                    /** @description First date of overrides and blocks to return; defaults to today (UTC) */
                    from?: string;
                    /** @description Last date; defaults to 90 days after from */
                    to?: string;
                };
                header?: never;
                path: {
                    accountId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Availability"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/members/{userId}/availability/weekly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the weekly schedule
         * @description All windows in one IANA zone; dayOfWeek 0 is Sunday. Windows of one day must not overlap; 24:00 ends a day. An empty list clears the schedule.
         *
         *     **Permission:** `account.bookings.manage`
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description IANA time zone, e.g. Europe/Vienna */
                        timezone: string;
                        windows: {
                            /** @description 0 = Sunday … 6 = Saturday */
                            dayOfWeek: number;
                            start: string;
                            end: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            weekly: {
                                /** Format: uuid */
                                id: string;
                                dayOfWeek: number;
                                start: string;
                                end: string;
                                timezone: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/members/{userId}/availability/overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace one date: other windows, or available: false to block the whole day
         * @description **Permission:** `account.bookings.manage`
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        date: string;
                        /** @description IANA time zone, e.g. Europe/Vienna */
                        timezone: string;
                        /**
                         * @description false blocks the whole day
                         * @default true
                         */
                        available?: boolean;
                        /** @default [] */
                        windows?: {
                            start: string;
                            end: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            date: string;
                            timezone: string;
                            available: boolean;
                            windows: {
                                start: string;
                                end: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Remove a date’s override (the weekly windows apply again)
         * @description **Permission:** `account.bookings.manage`
         */
        delete: {
            parameters: {
                query: {
                    date: string;
                };
                header?: never;
                path: {
                    accountId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/members/{userId}/availability/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Block a range of time (holiday, sick leave)
         * @description **Permission:** `account.bookings.manage`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        start: string;
                        /** Format: date-time */
                        end: string;
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            start: string;
                            /** Format: date-time */
                            end: string;
                            reason: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/members/{userId}/availability/blocks/{blockId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a blocked range
         * @description **Permission:** `account.bookings.manage`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    userId: string;
                    blockId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every booking of the marketplace
         * @description **Permission:** `tenant.bookings.read`
         *
         *     **Permission:** `tenant.bookings.read`
         */
        get: {
            parameters: {
                query?: {
                    resourceId?: string;
                    clientId?: string;
                    status?: "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
                    from?: string;
                    to?: string;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Booking"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/availability/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Free slots of a bookable person
         * @description Windows minus overrides, blocked ranges and active bookings (with optional buffers), at least minimumNotice minutes ahead. Slots start in [from, to) on a grid of `step` minutes from the start of each window; at most 62 days per request. Each slot is given in UTC and in the viewer’s `timezone`.
         *
         *     **Permission:** `public.availability.read`
         *
         *     **Permission:** `public.availability.read`
         */
        get: {
            parameters: {
                query: {
                    /** @description The person to book */
                    resource: string;
                    /** @description Slots starting at or after this instant */
                    from: string;
                    /** @description … and before this one (at most 62 days after from) */
                    to: string;
                    /** @description Slot length in minutes (5–1440) */
                    duration: number;
                    /** @description Minutes between slot starts; defaults to the duration */
                    step?: number;
                    /** @description The viewer’s zone for the local times; defaults to UTC */
                    timezone?: string;
                    /** @description Minutes kept free before a slot */
                    bufferBefore?: number;
                    /** @description Minutes kept free after a slot */
                    bufferAfter?: number;
                    /** @description Minutes between now and the earliest slot */
                    minimumNotice?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Slots"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/calendar/{token}.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * iCalendar feed of a person’s bookings (secret URL)
         * @description text/calendar (RFC 5545). The token names its tenant, so no X-Tenant header is needed. Cancelled bookings are left out; pending ones are TENTATIVE.
         *
         *     **Permission:** `public.calendar.read`
         *
         *     **Permission:** `public.calendar.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List and search published content
         * @description `q` takes web search syntax: `"exact phrase"`, `either OR other`, `-excluded`. Results are ranked (title, then tags and description, then body) with highlighted snippets; when nothing matches, titles similar to `q` are returned (typos, `mode: fuzzy`). Without `q`: newest first. A category filter includes its subcategories.
         *
         *     **Permission:** `public.content.read`
         *
         *     **Permission:** `public.content.read`
         */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    type?: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
                    tag?: string;
                    categoryId?: string;
                    categorySlug?: string;
                    accountId?: string;
                    authorId?: string;
                    publishedFrom?: string;
                    publishedTo?: string;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
                                title: string;
                                slug: string;
                                description: string | null;
                                featuredImageId: string | null;
                                tags: string[];
                                categories: {
                                    /** Format: uuid */
                                    id: string;
                                    slug: string;
                                    name: string;
                                }[];
                                account: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                };
                                author: {
                                    /** Format: uuid */
                                    id: string;
                                    displayName: string | null;
                                };
                                publishedAt: string | null;
                                stats: {
                                    views: number;
                                    likes: number;
                                    shares: number;
                                };
                                /** @description Safe HTML: the text escaped, matches in <mark>. Full-text matches only. */
                                highlight: {
                                    title: string;
                                    snippet: string;
                                } | null;
                                score: number | null;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                            /**
                             * @description fulltext: q matched; fuzzy: no full-text match, similar titles (typos); recent: no q, newest first
                             * @enum {string}
                             */
                            mode: "fulltext" | "fuzzy" | "recent";
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/content/{contentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Published content by id (a signed-in reader’s view is counted)
         * @description **Permission:** `public.content.read`
         *
         *     **Permission:** `public.content.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublicContent"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/content/by-slug/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Published content by slug (a signed-in reader’s view is counted)
         * @description **Permission:** `public.content.read`
         *
         *     **Permission:** `public.content.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublicContent"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The category tree
         * @description **Permission:** `public.categories.read`
         *
         *     **Permission:** `public.categories.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["CategoryNode"][];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/categories/{categoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One category with its path and subcategories
         * @description **Permission:** `public.categories.read`
         *
         *     **Permission:** `public.categories.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    categoryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategoryDetail"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/categories/by-slug/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One category by slug
         * @description **Permission:** `public.categories.read`
         *
         *     **Permission:** `public.categories.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategoryDetail"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The account’s content in any state (search and filters as in public, plus status)
         * @description **Permission:** `account.content.read`
         *
         *     **Permission:** `account.content.read`
         */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    type?: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
                    tag?: string;
                    categoryId?: string;
                    categorySlug?: string;
                    authorId?: string;
                    publishedFrom?: string;
                    publishedTo?: string;
                    limit?: number;
                    cursor?: string;
                    /** @description One status or several, comma-separated (DRAFT, IN_REVIEW, APPROVED, PUBLISHED, ARCHIVED), e.g. DRAFT,IN_REVIEW */
                    status?: string | string[];
                };
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
                                title: string;
                                slug: string;
                                description: string | null;
                                featuredImageId: string | null;
                                tags: string[];
                                categories: {
                                    /** Format: uuid */
                                    id: string;
                                    slug: string;
                                    name: string;
                                }[];
                                account: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                };
                                author: {
                                    /** Format: uuid */
                                    id: string;
                                    displayName: string | null;
                                };
                                publishedAt: string | null;
                                stats: {
                                    views: number;
                                    likes: number;
                                    shares: number;
                                };
                                /** @enum {string} */
                                status: "DRAFT" | "IN_REVIEW" | "APPROVED" | "PUBLISHED" | "ARCHIVED";
                                /**
                                 * @description Where it stands for the public right now
                                 * @enum {string}
                                 */
                                visibility: "live" | "scheduled" | "expired" | "hidden";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                expiresAt: string | null;
                                /** @description Safe HTML: the text escaped, matches in <mark>. Full-text matches only. */
                                highlight: {
                                    title: string;
                                    snippet: string;
                                } | null;
                                score: number | null;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                            /**
                             * @description fulltext: q matched; fuzzy: no full-text match, similar titles (typos); recent: no q, newest first
                             * @enum {string}
                             */
                            mode: "fulltext" | "fuzzy" | "recent";
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create content (a DRAFT by the caller)
         * @description Without `slug`, one is made from the title (transliterated; numbered if taken). A given slug that is taken: 409 SLUG_TAKEN with `suggestion`. `body` is Markdown.
         *
         *     **Permission:** `account.content.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
                        title: string;
                        slug?: string;
                        description?: string | null;
                        body?: string | null;
                        featuredImageId?: string | null;
                        metaTitle?: string | null;
                        metaDescription?: string | null;
                        keywords?: string[];
                        tags?: string[];
                        categoryIds?: string[];
                        mediaIds?: string[];
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/content/{contentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One piece of the account’s content, with what the caller may do next
         * @description **Permission:** `account.content.read`
         *
         *     **Permission:** `account.content.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete content (soft; its slug becomes free)
         * @description **Permission:** `account.content.delete`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit a DRAFT (absent fields stay; null clears; lists are replaced)
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it. A taken slug: 409 SLUG_TAKEN with `suggestion`.
         *
         *     **Permission:** `account.content.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        type?: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
                        title?: string;
                        slug?: string;
                        description?: string | null;
                        body?: string | null;
                        featuredImageId?: string | null;
                        metaTitle?: string | null;
                        metaDescription?: string | null;
                        keywords?: string[];
                        tags?: string[];
                        categoryIds?: string[];
                        mediaIds?: string[];
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/account/{accountId}/content/{contentId}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a DRAFT for review (→ IN_REVIEW)
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `account.content.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/content/{contentId}/revise": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take APPROVED content back to DRAFT to change it
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `account.content.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/content/{contentId}/unpublish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take PUBLISHED content out of public view (→ APPROVED)
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `account.content.publish`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/content/{contentId}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive PUBLISHED content (→ ARCHIVED)
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `account.content.publish`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/content/{contentId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore ARCHIVED content as a DRAFT
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `account.content.publish`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/content/{contentId}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish APPROVED content now, or at `publishAt` (scheduled)
         * @description Scheduled content is PUBLISHED with visibility `scheduled` and appears at `publishAt` by itself; it leaves public view at `expiresAt`. Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `account.content.publish`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        publishAt?: string;
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * All content of the tenant in any state, e.g. the review queue: ?status=IN_REVIEW
         * @description **Permission:** `tenant.content.read`
         *
         *     **Permission:** `tenant.content.read`
         */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    type?: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
                    tag?: string;
                    categoryId?: string;
                    categorySlug?: string;
                    accountId?: string;
                    authorId?: string;
                    publishedFrom?: string;
                    publishedTo?: string;
                    limit?: number;
                    cursor?: string;
                    /** @description One status or several, comma-separated (DRAFT, IN_REVIEW, APPROVED, PUBLISHED, ARCHIVED), e.g. DRAFT,IN_REVIEW */
                    status?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
                                title: string;
                                slug: string;
                                description: string | null;
                                featuredImageId: string | null;
                                tags: string[];
                                categories: {
                                    /** Format: uuid */
                                    id: string;
                                    slug: string;
                                    name: string;
                                }[];
                                account: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                };
                                author: {
                                    /** Format: uuid */
                                    id: string;
                                    displayName: string | null;
                                };
                                publishedAt: string | null;
                                stats: {
                                    views: number;
                                    likes: number;
                                    shares: number;
                                };
                                /** @enum {string} */
                                status: "DRAFT" | "IN_REVIEW" | "APPROVED" | "PUBLISHED" | "ARCHIVED";
                                /**
                                 * @description Where it stands for the public right now
                                 * @enum {string}
                                 */
                                visibility: "live" | "scheduled" | "expired" | "hidden";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                expiresAt: string | null;
                                /** @description Safe HTML: the text escaped, matches in <mark>. Full-text matches only. */
                                highlight: {
                                    title: string;
                                    snippet: string;
                                } | null;
                                score: number | null;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                            /**
                             * @description fulltext: q matched; fuzzy: no full-text match, similar titles (typos); recent: no q, newest first
                             * @enum {string}
                             */
                            mode: "fulltext" | "fuzzy" | "recent";
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/content/{contentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One piece of content in any state
         * @description **Permission:** `tenant.content.read`
         *
         *     **Permission:** `tenant.content.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/content/{contentId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve content IN_REVIEW (→ APPROVED), with an optional note
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `tenant.content.review`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/content/{contentId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject content IN_REVIEW back to DRAFT, with the reason
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `tenant.content.review`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/content/{contentId}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish any APPROVED content, now or at `publishAt`
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `tenant.content.publish`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        publishAt?: string;
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/content/{contentId}/unpublish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take PUBLISHED content out of public view (→ APPROVED)
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `tenant.content.publish`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/content/{contentId}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive PUBLISHED content (→ ARCHIVED)
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `tenant.content.publish`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/content/{contentId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore ARCHIVED content as a DRAFT
         * @description Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.
         *
         *     **Permission:** `tenant.content.publish`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Content"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a category (optionally under a parent)
         * @description Without `slug`, one is made from the name. A taken slug: 409 SLUG_TAKEN with `suggestion`.
         *
         *     **Permission:** `tenant.categories.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        slug?: string;
                        parentId?: string | null;
                        description?: string | null;
                        position?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Category"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/categories/{categoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a category (soft); content loses it
         * @description Refused with 409 CATEGORY_HAS_CHILDREN while it has subcategories.
         *
         *     **Permission:** `tenant.categories.delete`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    categoryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a category, change its slug, description or position
         * @description **Permission:** `tenant.categories.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    categoryId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        slug?: string;
                        description?: string | null;
                        position?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Category"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tenant/categories/{categoryId}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a category under another parent (or to the top level with parentId null)
         * @description Refused with 422 CATEGORY_CYCLE when the new parent is the category itself or one of its subcategories.
         *
         *     **Permission:** `tenant.categories.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    categoryId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        parentId: string | null;
                        position?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Category"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/content/{contentId}/like": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Like content (once per user: liking again changes nothing)
         * @description Only content the public can see now; anything else is 404.
         *
         *     **Permission:** `user.activity.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LikeResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Take a like back
         * @description Only content the public can see now; anything else is 404.
         *
         *     **Permission:** `user.activity.create`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LikeResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/content/{contentId}/share": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a share (counted at most once per hour per content)
         * @description Only content the public can see now; anything else is 404.
         *
         *     **Permission:** `user.activity.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channel?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EngagementResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/content/{contentId}/view": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a view (counted at most once per hour per content)
         * @description Reading content through the public routes with a session already counts; this is for clients that show content from a list. Only content the public can see now; anything else is 404.
         *
         *     **Permission:** `user.activity.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EngagementResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My activity: views, likes and shares, newest first
         * @description **Permission:** `user.activity.read`
         *
         *     **Permission:** `user.activity.read`
         */
        get: {
            parameters: {
                query?: {
                    type?: "like" | "view" | "share";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Activity"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My personal files (newest first; filters; ?trashed=true for the trash)
         * @description **Permission:** `user.media.read`
         *
         *     **Permission:** `user.media.read`
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    folder?: string;
                    tag?: string;
                    mimetype?: string;
                    trashed?: boolean | ("true" | "false");
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["MediaFile"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload a file to my personal library
         * @description Send `multipart/form-data` with one file part (any field name, e.g. `file`) and, optionally,
         *     text fields `title`, `alt`, `caption`, `folder` and `tags` (repeated, or comma-separated), before or after the file.
         *     The type is detected from the bytes and must be on the tenant's allow-list (415 otherwise); the file is cut off
         *     at the size limit (413), and the owner's storage quota applies (413 STORAGE_QUOTA_EXCEEDED).
         *     **201** with the new file, or **200** with the existing one when the same owner already has these exact bytes.
         *
         *     **Permission:** `user.media.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/media/folders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The folders of my personal files
         * @description **Permission:** `user.media.read`
         *
         *     **Permission:** `user.media.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                folder: string;
                                files: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/media/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Storage used by my personal files, and the limit
         * @description **Permission:** `user.media.read`
         *
         *     **Permission:** `user.media.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytes: number;
                            files: number;
                            /** @description null: unlimited */
                            limitBytes: number | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/media/{mediaId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of my personal files
         * @description **Permission:** `user.media.read`
         *
         *     **Permission:** `user.media.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Move a file to the trash, or delete it for good (?permanent=true); 409 while it is in use
         * @description **Permission:** `user.media.delete`
         */
        delete: {
            parameters: {
                query?: {
                    /** @description true: delete for good (frees the quota; refused while the file is in use). Default: into the trash */
                    permanent?: "true" | "false";
                };
                header?: never;
                path: {
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change title, alt text, caption, folder (move) or tags; null clears
         * @description **Permission:** `user.media.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title?: string | null;
                        alt?: string | null;
                        caption?: string | null;
                        folder?: string | null;
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/user/media/{mediaId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a file out of the trash
         * @description **Permission:** `user.media.delete`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The account’s files (newest first; filters; ?trashed=true for the trash)
         * @description **Permission:** `account.media.read`
         *
         *     **Permission:** `account.media.read`
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    folder?: string;
                    tag?: string;
                    mimetype?: string;
                    uploaderId?: string;
                    trashed?: boolean | ("true" | "false");
                };
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["MediaFile"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload a file to the account’s library
         * @description Send `multipart/form-data` with one file part (any field name, e.g. `file`) and, optionally,
         *     text fields `title`, `alt`, `caption`, `folder` and `tags` (repeated, or comma-separated), before or after the file.
         *     The type is detected from the bytes and must be on the tenant's allow-list (415 otherwise); the file is cut off
         *     at the size limit (413), and the owner's storage quota applies (413 STORAGE_QUOTA_EXCEEDED).
         *     **201** with the new file, or **200** with the existing one when the same owner already has these exact bytes.
         *
         *     **Permission:** `account.media.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/media/folders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The folders of the account’s files
         * @description **Permission:** `account.media.read`
         *
         *     **Permission:** `account.media.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                folder: string;
                                files: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/media/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Storage used by the account’s files, and the limit
         * @description **Permission:** `account.media.read`
         *
         *     **Permission:** `account.media.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytes: number;
                            files: number;
                            /** @description null: unlimited */
                            limitBytes: number | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/media/{mediaId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the account’s files
         * @description **Permission:** `account.media.read`
         *
         *     **Permission:** `account.media.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Move a file to the trash, or delete it for good (?permanent=true); 409 while it is in use
         * @description **Permission:** `account.media.delete`
         */
        delete: {
            parameters: {
                query?: {
                    /** @description true: delete for good (frees the quota; refused while the file is in use). Default: into the trash */
                    permanent?: "true" | "false";
                };
                header?: never;
                path: {
                    accountId: string;
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change title, alt text, caption, folder (move) or tags; null clears
         * @description **Permission:** `account.media.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title?: string | null;
                        alt?: string | null;
                        caption?: string | null;
                        folder?: string | null;
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/account/{accountId}/media/{mediaId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a file out of the trash
         * @description **Permission:** `account.media.delete`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every file of the tenant (filters: account, uploader, folder, tag, type)
         * @description **Permission:** `tenant.media.read`
         *
         *     **Permission:** `tenant.media.read`
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    folder?: string;
                    tag?: string;
                    mimetype?: string;
                    uploaderId?: string;
                    accountId?: string;
                    trashed?: boolean | ("true" | "false");
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["MediaFile"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/media/{mediaId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Any file of the tenant
         * @description **Permission:** `tenant.media.read`
         *
         *     **Permission:** `tenant.media.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaFile"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/media/{mediaId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a file
         * @description The bytes, with `Content-Type` (detected at upload), `ETag` (the content hash),
         *     `If-None-Match` (304), single byte `Range`s (206, 416 past the end) and `If-Range`.
         *     Anyone may download a file that published content shows; otherwise the caller's session must be allowed to read it
         *     (own personal files, `account.media.read` in its account, `tenant.media.read`, or a party of an application or
         *     message that attaches it). Everything else is 404.
         *
         *     **Permission:** `public.media.read`
         *
         *     **Permission:** `public.media.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/media/{mediaId}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the thumbnail of an image (WebP, at most 400×400)
         * @description The bytes, with `Content-Type` (detected at upload), `ETag` (the content hash),
         *     `If-None-Match` (304), single byte `Range`s (206, 416 past the end) and `If-Range`.
         *     Anyone may download a file that published content shows; otherwise the caller's session must be allowed to read it
         *     (own personal files, `account.media.read` in its account, `tenant.media.read`, or a party of an application or
         *     message that attaches it). Everything else is 404.
         *
         *     **Permission:** `public.media.read`
         *
         *     **Permission:** `public.media.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/listings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Browse and search active listings
         * @description Full text (`q`, web-search syntax: words, "a phrase", -word, or) ranked by relevance among the 1000 newest matches; filters by type, price range (with `currency`), remote, country, distance (`lat`, `lng`, `radiusKm`), start date, publication date, account, featured. Sorts: relevance (default with `q`), newest (default), price_asc / price_desc (need `currency`; listings without a price last), featured. Only ACTIVE listings that are neither expired nor deleted. Cursor-paginated.
         *
         *     **Permission:** `public.listings.read`
         *
         *     **Permission:** `public.listings.read`
         */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    type?: ("GIG" | "JOB" | "SERVICE" | "PRODUCT")[];
                    priceType?: ("FIXED" | "HOURLY" | "DAILY" | "PROJECT" | "NEGOTIABLE")[];
                    minPrice?: string;
                    maxPrice?: string;
                    currency?: string;
                    remote?: boolean;
                    country?: string;
                    lat?: number;
                    lng?: number;
                    radiusKm?: number;
                    startFrom?: string;
                    startTo?: string;
                    postedAfter?: string;
                    accountId?: string;
                    featured?: boolean;
                    sort?: "relevance" | "newest" | "price_asc" | "price_desc" | "featured";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Listing"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/listings/{listingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An active listing
         * @description **Permission:** `public.listings.read`
         *
         *     **Permission:** `public.listings.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Listing"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/listings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The account’s listings in every state, with application statistics (dashboard)
         * @description **Permission:** `account.listings.read`
         *
         *     **Permission:** `account.listings.read`
         */
        get: {
            parameters: {
                query?: {
                    status?: ("DRAFT" | "ACTIVE" | "PAUSED" | "EXPIRED" | "COMPLETED" | "CANCELLED")[];
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["DashboardListing"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a listing (as a DRAFT)
         * @description Prices are decimal strings ("1500.00"); every price type but NEGOTIABLE needs one. `featured` needs the plan feature featured-listings.
         *
         *     **Permission:** `account.listings.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        type: "GIG" | "JOB" | "SERVICE" | "PRODUCT";
                        title: string;
                        description: string;
                        price?: string | null;
                        /** @enum {string} */
                        priceType: "FIXED" | "HOURLY" | "DAILY" | "PROJECT" | "NEGOTIABLE";
                        /** @default USD */
                        currency?: string;
                        location?: {
                            addressLine1?: string;
                            addressLine2?: string;
                            city?: string;
                            region?: string;
                            postalCode?: string;
                            country?: string;
                            lat?: number;
                            lng?: number;
                        } | null;
                        /** @default false */
                        remote?: boolean;
                        startDate?: string | null;
                        endDate?: string | null;
                        duration?: string | null;
                        requirements?: {
                            /** @default [] */
                            questions?: {
                                id: string;
                                label: string;
                                /** @enum {string} */
                                type: "text" | "number" | "boolean" | "choice";
                                /** @default false */
                                required?: boolean;
                                options?: string[];
                                multiple?: boolean;
                                maxLength?: number;
                                min?: number;
                                max?: number;
                            }[];
                            positions?: number;
                        } | null;
                        /** @default false */
                        featured?: boolean;
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountListing"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/listings/{listingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the account’s listings, in any state
         * @description **Permission:** `account.listings.read`
         *
         *     **Permission:** `account.listings.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    listingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountListing"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a listing (soft)
         * @description **Permission:** `account.listings.delete`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    listingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a DRAFT, ACTIVE or PAUSED listing (null clears a field)
         * @description **Permission:** `account.listings.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    listingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        type?: "GIG" | "JOB" | "SERVICE" | "PRODUCT";
                        title?: string;
                        description?: string;
                        price?: string | null;
                        /** @enum {string} */
                        priceType?: "FIXED" | "HOURLY" | "DAILY" | "PROJECT" | "NEGOTIABLE";
                        currency?: string;
                        location?: {
                            addressLine1?: string;
                            addressLine2?: string;
                            city?: string;
                            region?: string;
                            postalCode?: string;
                            country?: string;
                            lat?: number;
                            lng?: number;
                        } | null;
                        remote?: boolean;
                        startDate?: string | null;
                        endDate?: string | null;
                        duration?: string | null;
                        requirements?: {
                            /** @default [] */
                            questions?: {
                                id: string;
                                label: string;
                                /** @enum {string} */
                                type: "text" | "number" | "boolean" | "choice";
                                /** @default false */
                                required?: boolean;
                                options?: string[];
                                multiple?: boolean;
                                maxLength?: number;
                                min?: number;
                                max?: number;
                            }[];
                            positions?: number;
                        } | null;
                        featured?: boolean;
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountListing"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/account/{accountId}/listings/{listingId}/transition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a listing through its lifecycle: publish, pause, resume, complete, cancel
         * @description DRAFT → ACTIVE ⇄ PAUSED → COMPLETED / CANCELLED; ACTIVE → EXPIRED when expiresAt passes. A move the state does not allow is 409 ILLEGAL_TRANSITION naming the allowed ones. Publishing and resuming take a slot of the account’s maxActiveListings (409 LISTING_LIMIT_REACHED).
         *
         *     **Permission:** `account.listings.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    listingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "publish" | "pause" | "resume" | "complete" | "cancel";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountListing"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/listings/{listingId}/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Applications to one of the account’s listings, newest first
         * @description **Permission:** `account.applications.read`
         *
         *     **Permission:** `account.applications.read`
         */
        get: {
            parameters: {
                query?: {
                    status?: ("PENDING" | "REVIEWING" | "SHORTLISTED" | "ACCEPTED" | "REJECTED" | "WITHDRAWN")[];
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    accountId: string;
                    listingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Application"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/applications/{applicationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An application to one of the account’s listings
         * @description **Permission:** `account.applications.read`
         *
         *     **Permission:** `account.applications.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Application"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/applications/{applicationId}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Review, shortlist, accept or reject an application
         * @description PENDING → REVIEWING → SHORTLISTED → ACCEPTED / REJECTED (accept also from REVIEWING, reject from any open state). Accepting the last of the listing’s `positions` completes the listing.
         *
         *     **Permission:** `account.applications.review`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "review" | "shortlist" | "accept" | "reject";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Application"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/applications/{applicationId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The conversation on an application, newest first
         * @description **Permission:** `account.messages.read`
         *
         *     **Permission:** `account.messages.read`
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    accountId: string;
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Message"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Write to the applicant
         * @description **Permission:** `account.messages.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        /** @default [] */
                        attachments?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Message"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/applications/{applicationId}/messages/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark the conversation read for me, up to a message or all of it
         * @description **Permission:** `account.messages.read`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        upToMessageId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConversationReadState"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/messages/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My unread messages in the account’s conversations
         * @description **Permission:** `account.messages.read`
         *
         *     **Permission:** `account.messages.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnreadMessages"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/{accountId}/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete my message (it stays as a tombstone)
         * @description **Permission:** `account.messages.create`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit my message (within 15 minutes of sending)
         * @description **Permission:** `account.messages.create`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Message"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/user/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My applications, newest first
         * @description **Permission:** `user.applications.read`
         *
         *     **Permission:** `user.applications.read`
         */
        get: {
            parameters: {
                query?: {
                    status?: ("PENDING" | "REVIEWING" | "SHORTLISTED" | "ACCEPTED" | "REJECTED" | "WITHDRAWN")[];
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Application"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Apply to an active listing
         * @description Once per listing (409 ALREADY_APPLIED). Answers are checked against the listing’s questions (422 INVALID_ANSWERS naming each field); attachments must be my own uploads (422 INVALID_ANSWERS / INVALID_ATTACHMENTS). Not for listings of accounts I belong to (422 OWN_LISTING).
         *
         *     **Permission:** `user.applications.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        coverLetter?: string;
                        /** @default {} */
                        answers?: {
                            [key: string]: string | number | boolean | string[];
                        };
                        /** @default [] */
                        attachments?: string[];
                        /** Format: uuid */
                        listingId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Application"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/applications/{applicationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of my applications
         * @description **Permission:** `user.applications.read`
         *
         *     **Permission:** `user.applications.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Application"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/applications/{applicationId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw my application (before a decision)
         * @description **Permission:** `user.applications.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Application"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/applications/{applicationId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The conversation on my application, newest first
         * @description **Permission:** `user.messages.read`
         *
         *     **Permission:** `user.messages.read`
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Message"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Write to the listing’s account
         * @description **Permission:** `user.messages.create`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        /** @default [] */
                        attachments?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Message"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/applications/{applicationId}/messages/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark the conversation on my application read, up to a message or all of it
         * @description **Permission:** `user.messages.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        upToMessageId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConversationReadState"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/messages/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My unread messages in the conversations on my applications
         * @description **Permission:** `user.messages.read`
         *
         *     **Permission:** `user.messages.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnreadMessages"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete my message (it stays as a tombstone)
         * @description **Permission:** `user.messages.update`
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit my message (within 15 minutes of sending)
         * @description **Permission:** `user.messages.update`
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Message"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tenant/listings/{listingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Any listing of the tenant, in any state
         * @description **Permission:** `tenant.listings.read`
         *
         *     **Permission:** `tenant.listings.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountListing"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/listings/{listingId}/transition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Moderate a listing: pause or cancel it
         * @description **Permission:** `tenant.listings.update`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "publish" | "pause" | "resume" | "complete" | "cancel";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountListing"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant’s audit trail, newest first
         * @description Every change to the tenant’s data: who (user id and display name; null for the system), what (resource, record, action, one entry per changed field), when, from where (request id, IP address, user agent). Filters combine; pages continue with ?cursor=.
         *
         *     **Permission:** `tenant.audit.read`
         *
         *     **Permission:** `tenant.audit.read`
         */
        get: {
            parameters: {
                query?: {
                    resource?: string;
                    /** @description Only entries about this record (with resource) */
                    resourceId?: string;
                    /** @description Only entries caused by this user */
                    actorId?: string;
                    action?: "create" | "update" | "soft_delete" | "restore" | "delete";
                    /** @description Only entries that changed this field */
                    field?: string;
                    /** @description Entries at or after this instant */
                    from?: string;
                    /** @description Entries before this instant */
                    to?: string;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuditEntry"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/audit/{resource}/{resourceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The history of one record, newest first, field by field
         * @description resource is the table name as in the trail (e.g. listings, users, accounts). 404 when the tenant has no entry about this record.
         *
         *     **Permission:** `tenant.audit.read`
         *
         *     **Permission:** `tenant.audit.read`
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    resource: string;
                    resourceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuditEntry"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/users/{userId}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a person’s personal data (right to erasure)
         * @description Deletes or anonymises everything that identifies the person — account, profile, sessions, tokens, their message bodies and cover letters, mails to them — and erases their values and IP addresses from the audit trail, whose entries stay (keys kept, values "[erased]") and whose hash chain still verifies. Mentions in other people’s text that could be someone else are listed for review. Cannot be undone.
         *
         *     **Permission:** `tenant.users.erase`
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErasureResult"];
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit trails across tenants, newest first
         * @description The same filters as the tenant audit, over every tenant or one (?tenant= id or identifier). Platform operators acting in a tenant appear with their name here.
         *
         *     **Permission:** `platform.audit.read`
         *
         *     **Permission:** `platform.audit.read`
         */
        get: {
            parameters: {
                query?: {
                    resource?: string;
                    /** @description Only entries about this record (with resource) */
                    resourceId?: string;
                    /** @description Only entries caused by this user */
                    actorId?: string;
                    action?: "create" | "update" | "soft_delete" | "restore" | "delete";
                    /** @description Only entries that changed this field */
                    field?: string;
                    /** @description Entries at or after this instant */
                    from?: string;
                    /** @description Entries before this instant */
                    to?: string;
                    limit?: number;
                    cursor?: string;
                    /** @description Tenant id or identifier */
                    tenant?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuditEntry"][];
                            /** @description Pass as ?cursor= for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Background jobs and their last runs
         * @description **Permission:** `platform.jobs.read`
         *
         *     **Permission:** `platform.jobs.read`
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["JobStatus"][];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details */
        ProblemInput: {
            type: string;
            title: string;
            status: number;
            /** @description Stable machine-readable code, e.g. VALIDATION_FAILED, BOOKING_SLOT_TAKEN */
            code: string;
            detail: string;
            errors?: {
                path: string;
                message: string;
            }[];
            requestId: string;
        } & {
            [key: string]: unknown;
        };
        ProfileInput: {
            displayName: string;
            bio: string | null;
            avatar: string | null;
            coverImage: string | null;
            phone: string | null;
            website: string | null;
            location: string | null;
            title: string | null;
            company: string | null;
            experience: unknown | null;
            skills: string[];
            socialLinks: {
                [key: string]: string;
            } | null;
            /** @description Share of the profile filled in, computed by the server */
            completeness: number;
            /** Format: date-time */
            updatedAt: string;
        };
        UserInput: {
            /** Format: uuid */
            id: string;
            email: string;
            username: string | null;
            displayName: string | null;
            emailVerified: boolean;
            twoFactorEnabled: boolean;
            /** @enum {string} */
            status: "active" | "deactivated" | "deleted";
            lastLoginAt: string | null;
            loginCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SessionInput: {
            /** Format: uuid */
            id: string;
            current: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string;
            /** Format: date-time */
            expiresAt: string;
            ipAddress: string | null;
            userAgent: string | null;
            twoFactorPassed: boolean;
        };
        TenantInput: {
            /** Format: uuid */
            id: string;
            identifier: string;
            name: string;
            /** @enum {string} */
            status: "ACTIVE" | "TRIAL" | "SUSPENDED" | "INACTIVE";
            plan: string;
            planExpiry: string | null;
            features: string[];
            settings: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            deletedAt: string | null;
        };
        PublicTenantInput: {
            identifier: string;
            name: string;
            features: string[];
            branding: unknown | null;
        };
        AccountInvitationInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            accountName: string;
            email: string;
            /** @enum {string} */
            role: "admin" | "member" | "viewer";
            invitedBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
        };
        SubscriptionInput: {
            plan: string;
            status: string;
            /** Format: date-time */
            currentPeriodStart: string;
            currentPeriodEnd: string | null;
            trialEndsAt: string | null;
            canceledAt: string | null;
        };
        AccountInput: {
            /** Format: uuid */
            id: string;
            identifier: string;
            name: string;
            /** @enum {string} */
            type: "INDIVIDUAL" | "AGENCY" | "VENDOR" | "CLIENT";
            /** @enum {string} */
            status: "PENDING" | "ACTIVE" | "SUSPENDED" | "INACTIVE";
            verifiedAt: string | null;
            features: string[];
            /** @description The account’s own overrides */
            limits: {
                maxActiveListings: number | null;
                storageBytes: number | null;
                maxMembers: number | null;
            };
            /** @description Plan limits with the overrides applied; null = unlimited */
            effectiveLimits: {
                maxActiveListings: number | null;
                storageBytes: number | null;
                maxMembers: number | null;
            };
            businessInfo: {
                [key: string]: unknown;
            } | null;
            billingInfo: {
                [key: string]: unknown;
            } | null;
            subscription: components["schemas"]["SubscriptionInput"] | null;
            memberCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            deletedAt: string | null;
        };
        AccountMemberInput: {
            /** Format: uuid */
            userId: string;
            email: string;
            displayName: string | null;
            /** @enum {string} */
            role: "admin" | "member" | "viewer";
            /** Format: date-time */
            joinedAt: string;
            invitedBy: string | null;
        };
        MembershipInput: {
            account: {
                /** Format: uuid */
                id: string;
                identifier: string;
                name: string;
                /** @enum {string} */
                type: "INDIVIDUAL" | "AGENCY" | "VENDOR" | "CLIENT";
                status: string;
            };
            /** @enum {string} */
            role: "admin" | "member" | "viewer";
            /** Format: date-time */
            joinedAt: string;
        };
        EngagementResultInput: {
            /** @description Whether this call counted (false: a repeated like, a view or share within the hour) */
            counted: boolean;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
        };
        LikeResultInput: {
            /** @description Whether this call counted (false: a repeated like, a view or share within the hour) */
            counted: boolean;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
            liked: boolean;
        };
        ActivityInput: {
            /** Format: uuid */
            id: string;
            type: string;
            target: string;
            targetId: string;
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** @description The content, while it is public */
            content: {
                /** Format: uuid */
                id: string;
                title: string;
                slug: string;
            } | null;
        };
        ContentSummaryInput: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
            title: string;
            slug: string;
            description: string | null;
            featuredImageId: string | null;
            tags: string[];
            categories: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            }[];
            account: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            author: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
            };
            publishedAt: string | null;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
        };
        ManagedContentSummaryInput: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
            title: string;
            slug: string;
            description: string | null;
            featuredImageId: string | null;
            tags: string[];
            categories: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            }[];
            account: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            author: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
            };
            publishedAt: string | null;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
            /** @enum {string} */
            status: "DRAFT" | "IN_REVIEW" | "APPROVED" | "PUBLISHED" | "ARCHIVED";
            /**
             * @description Where it stands for the public right now
             * @enum {string}
             */
            visibility: "live" | "scheduled" | "expired" | "hidden";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            expiresAt: string | null;
        };
        PublicContentInput: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
            title: string;
            slug: string;
            description: string | null;
            featuredImageId: string | null;
            tags: string[];
            categories: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            }[];
            account: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            author: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
            };
            publishedAt: string | null;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
            /** @description Markdown (CommonMark) as the author wrote it: render with raw HTML disabled */
            body: string | null;
            mediaIds: string[];
            seo: {
                metaTitle: string | null;
                metaDescription: string | null;
                keywords: string[];
            };
            expiresAt: string | null;
        };
        ContentInput: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
            title: string;
            slug: string;
            description: string | null;
            featuredImageId: string | null;
            tags: string[];
            categories: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            }[];
            account: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            author: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
            };
            publishedAt: string | null;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
            /** @description Markdown (CommonMark) as the author wrote it: render with raw HTML disabled */
            body: string | null;
            mediaIds: string[];
            seo: {
                metaTitle: string | null;
                metaDescription: string | null;
                keywords: string[];
            };
            expiresAt: string | null;
            /** @enum {string} */
            status: "DRAFT" | "IN_REVIEW" | "APPROVED" | "PUBLISHED" | "ARCHIVED";
            /**
             * @description Where it stands for the public right now
             * @enum {string}
             */
            visibility: "live" | "scheduled" | "expired" | "hidden";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            review: {
                note: string | null;
                reviewedBy: string | null;
                reviewedAt: string | null;
            } | null;
            /** @description What the caller may do with it now (workflow steps, edit, delete) */
            actions: string[];
        };
        CategoryInput: {
            /** Format: uuid */
            id: string;
            parentId: string | null;
            name: string;
            slug: string;
            description: string | null;
            position: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CategoryNodeInput: {
            /** Format: uuid */
            id: string;
            parentId: string | null;
            name: string;
            slug: string;
            description: string | null;
            position: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            children: components["schemas"]["CategoryNodeInput"][];
        };
        CategoryDetailInput: {
            /** Format: uuid */
            id: string;
            parentId: string | null;
            name: string;
            slug: string;
            description: string | null;
            position: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Ancestors, root first */
            path: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            }[];
            children: components["schemas"]["CategoryInput"][];
        };
        ListingInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            /** @enum {string} */
            type: "GIG" | "JOB" | "SERVICE" | "PRODUCT";
            title: string;
            description: string;
            /** @description Exact decimal as a string, e.g. "1500.00"; null when negotiable without a figure */
            price: string | null;
            /** @enum {string} */
            priceType: "FIXED" | "HOURLY" | "DAILY" | "PROJECT" | "NEGOTIABLE";
            currency: string;
            /** @description addressLine1, addressLine2, city, region, postalCode, country (ISO 3166-1 alpha-2), lat, lng */
            location: {
                [key: string]: unknown;
            } | null;
            remote: boolean;
            startDate: string | null;
            endDate: string | null;
            duration: string | null;
            requirements: {
                questions: {
                    id: string;
                    label: string;
                    /** @enum {string} */
                    type: "text" | "number" | "boolean" | "choice";
                    required: boolean;
                    options?: string[];
                    multiple?: boolean;
                    maxLength?: number;
                    min?: number;
                    max?: number;
                }[];
                positions?: number;
            } | null;
            /** @description Applications that are not withdrawn */
            applicationCount: number;
            /**
             * @description ACTIVE listings past their expiry read EXPIRED
             * @enum {string}
             */
            status: "DRAFT" | "ACTIVE" | "PAUSED" | "EXPIRED" | "COMPLETED" | "CANCELLED";
            featured: boolean;
            featuredAt: string | null;
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description With a location filter: distance from the given point */
            distanceKm?: number;
        };
        AccountListingInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            /** @enum {string} */
            type: "GIG" | "JOB" | "SERVICE" | "PRODUCT";
            title: string;
            description: string;
            /** @description Exact decimal as a string, e.g. "1500.00"; null when negotiable without a figure */
            price: string | null;
            /** @enum {string} */
            priceType: "FIXED" | "HOURLY" | "DAILY" | "PROJECT" | "NEGOTIABLE";
            currency: string;
            /** @description addressLine1, addressLine2, city, region, postalCode, country (ISO 3166-1 alpha-2), lat, lng */
            location: {
                [key: string]: unknown;
            } | null;
            remote: boolean;
            startDate: string | null;
            endDate: string | null;
            duration: string | null;
            requirements: {
                questions: {
                    id: string;
                    label: string;
                    /** @enum {string} */
                    type: "text" | "number" | "boolean" | "choice";
                    required: boolean;
                    options?: string[];
                    multiple?: boolean;
                    maxLength?: number;
                    min?: number;
                    max?: number;
                }[];
                positions?: number;
            } | null;
            /** @description Applications that are not withdrawn */
            applicationCount: number;
            /**
             * @description ACTIVE listings past their expiry read EXPIRED
             * @enum {string}
             */
            status: "DRAFT" | "ACTIVE" | "PAUSED" | "EXPIRED" | "COMPLETED" | "CANCELLED";
            featured: boolean;
            featuredAt: string | null;
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description With a location filter: distance from the given point */
            distanceKm?: number;
            /** Format: uuid */
            createdBy: string;
        };
        DashboardListingInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            /** @enum {string} */
            type: "GIG" | "JOB" | "SERVICE" | "PRODUCT";
            title: string;
            description: string;
            /** @description Exact decimal as a string, e.g. "1500.00"; null when negotiable without a figure */
            price: string | null;
            /** @enum {string} */
            priceType: "FIXED" | "HOURLY" | "DAILY" | "PROJECT" | "NEGOTIABLE";
            currency: string;
            /** @description addressLine1, addressLine2, city, region, postalCode, country (ISO 3166-1 alpha-2), lat, lng */
            location: {
                [key: string]: unknown;
            } | null;
            remote: boolean;
            startDate: string | null;
            endDate: string | null;
            duration: string | null;
            requirements: {
                questions: {
                    id: string;
                    label: string;
                    /** @enum {string} */
                    type: "text" | "number" | "boolean" | "choice";
                    required: boolean;
                    options?: string[];
                    multiple?: boolean;
                    maxLength?: number;
                    min?: number;
                    max?: number;
                }[];
                positions?: number;
            } | null;
            /** @description Applications that are not withdrawn */
            applicationCount: number;
            /**
             * @description ACTIVE listings past their expiry read EXPIRED
             * @enum {string}
             */
            status: "DRAFT" | "ACTIVE" | "PAUSED" | "EXPIRED" | "COMPLETED" | "CANCELLED";
            featured: boolean;
            featuredAt: string | null;
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description With a location filter: distance from the given point */
            distanceKm?: number;
            /** Format: uuid */
            createdBy: string;
            stats: {
                totalApplications: number;
                activeApplications: number;
                pendingApplications: number;
                shortlistedApplications: number;
                acceptedApplications: number;
                lastApplicationAt: string | null;
            };
        };
        ApplicationInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            listingId: string;
            /** Format: uuid */
            applicantId: string;
            coverLetter: string | null;
            answers: {
                [key: string]: unknown;
            };
            attachments: string[];
            /** @enum {string} */
            status: "PENDING" | "REVIEWING" | "SHORTLISTED" | "ACCEPTED" | "REJECTED" | "WITHDRAWN";
            reviewedAt: string | null;
            reviewedBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            listing?: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                accountId: string;
                title: string;
                /** @enum {string} */
                type: "GIG" | "JOB" | "SERVICE" | "PRODUCT";
                /** @enum {string} */
                status: "DRAFT" | "ACTIVE" | "PAUSED" | "EXPIRED" | "COMPLETED" | "CANCELLED";
            };
        };
        MessageInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            applicationId: string;
            /** Format: uuid */
            senderId: string;
            /** @description null once deleted */
            body: string | null;
            attachments: string[];
            editedAt: string | null;
            /** @description When the other side first read it */
            readAt: string | null;
            deletedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        UnreadMessagesInput: {
            total: number;
            conversations: {
                /** Format: uuid */
                applicationId: string;
                unread: number;
            }[];
        };
        ConversationReadStateInput: {
            /** Format: uuid */
            applicationId: string;
            unread: number;
        };
        JobStatusInput: {
            name: string;
            description: string;
            /** @description Length of the job’s time slot: it runs at most once per slot */
            everySeconds: number;
            lastRun: {
                /** @enum {string} */
                status: "running" | "succeeded" | "failed";
                /** Format: date-time */
                slotStart: string;
                /** Format: date-time */
                startedAt: string;
                finishedAt: string | null;
                attempts: number;
                worker: string | null;
                result: {
                    [key: string]: unknown;
                } | null;
                error: string | null;
            } | null;
            lastSuccessAt: string | null;
        };
        AuditEntryInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** @description Position in the tenant’s hash chain */
            seq: number;
            /** @enum {string} */
            action: "create" | "update" | "soft_delete" | "restore" | "delete";
            resource: string;
            resourceId: string;
            /** @description Who made the change; null for the system (jobs, CLI) */
            actor: {
                /** Format: uuid */
                id: string;
                /** @description Display name; null when the user is not visible here (e.g. a platform operator) or was erased */
                name: string | null;
            } | null;
            changes: {
                field: string;
                /** @description Value before the change (null for a create) */
                from: unknown;
                /** @description Value after the change (null for a delete) */
                to: unknown;
            }[];
            requestId: string | null;
            ipAddress: string | null;
            userAgent: string | null;
            /** @description Personal data in this entry was erased; the entry still says what changed */
            erased: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        ErasureResultInput: {
            /** Format: uuid */
            userId: string;
            /** @description Rows deleted or anonymised, per table */
            rows: {
                [key: string]: number;
            };
            /** @description Audit entries whose values were erased */
            auditEntriesErased: number;
            /** @description Further entries the person caused whose IP address and user agent were removed */
            auditEntriesWithoutIp: number;
            /** @description Other people’s records that still mention the person (e.g. their name in a description): not rewritten automatically, for an administrator to review */
            mentions: {
                table: string;
                column: string;
                rows: number;
            }[];
        };
        BookingInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            /** Format: uuid */
            clientId: string;
            title: string;
            description: string | null;
            /** @enum {string} */
            type: "APPOINTMENT" | "SERVICE" | "CONSULTATION" | "EVENT";
            /** @enum {string} */
            status: "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            timezone: string;
            /** @description The RRULE of the series this booking belongs to */
            recurrence: string | null;
            seriesId: string | null;
            location: string | null;
            meetingUrl: string | null;
            /** @description Decimal as a string */
            price: string | null;
            currency: string | null;
            paid: boolean;
            /** @description Who booked this outside the resource’s availability */
            availabilityOverriddenBy: string | null;
            confirmedAt: string | null;
            cancelledAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        AvailabilityInput: {
            /** Format: uuid */
            userId: string;
            weekly: {
                /** Format: uuid */
                id: string;
                dayOfWeek: number;
                start: string;
                end: string;
                timezone: string;
            }[];
            overrides: {
                date: string;
                timezone: string;
                available: boolean;
                windows: {
                    start: string;
                    end: string;
                }[];
            }[];
            blocks: {
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
                reason: string | null;
            }[];
        };
        SlotsInput: {
            /** Format: uuid */
            resource: string;
            timezone: string;
            duration: number;
            slots: {
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
                /** Format: date-time */
                localStart: string;
                /** Format: date-time */
                localEnd: string;
            }[];
        };
        BookingResultInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            /** Format: uuid */
            clientId: string;
            title: string;
            description: string | null;
            /** @enum {string} */
            type: "APPOINTMENT" | "SERVICE" | "CONSULTATION" | "EVENT";
            /** @enum {string} */
            status: "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            timezone: string;
            /** @description The RRULE of the series this booking belongs to */
            recurrence: string | null;
            seriesId: string | null;
            location: string | null;
            meetingUrl: string | null;
            /** @description Decimal as a string */
            price: string | null;
            currency: string | null;
            paid: boolean;
            /** @description Who booked this outside the resource’s availability */
            availabilityOverriddenBy: string | null;
            confirmedAt: string | null;
            cancelledAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Recurring series: every occurrence the request created or changed, in time order */
            occurrences?: components["schemas"]["BookingInput"][];
        };
        MediaFileInput: {
            /** Format: uuid */
            id: string;
            filename: string;
            /** @description The type detected from the bytes, not the one the client declared */
            mimetype: string;
            /** @description Bytes as stored (after location removal) */
            size: number;
            /** @description Content hash; also the ETag of downloads */
            sha256: string | null;
            /** @description Download path of the file */
            url: string;
            thumbnailUrl: string | null;
            title: string | null;
            alt: string | null;
            caption: string | null;
            folder: string | null;
            tags: string[];
            /** @description Images: width, height, orientation, takenAt, gpsRemoved, thumbnail… */
            metadata: {
                [key: string]: unknown;
            };
            accountId: string | null;
            /** Format: uuid */
            uploaderId: string;
            usageCount: number;
            lastUsedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Set while the file is in the trash */
            deletedAt: string | null;
        };
        PermissionInput: {
            name: string;
            description: string | null;
            wildcard: boolean;
        };
        RoleInput: {
            /** Format: uuid */
            id: string;
            name: string;
            description: string | null;
            /** @enum {string} */
            type: "SYSTEM" | "TENANT" | "CUSTOM";
            /** @enum {string} */
            level: "PLATFORM" | "TENANT" | "ACCOUNT" | "USER";
            permissions: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        RoleAssignmentInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            roleId: string;
            role: string;
            /** @enum {string} */
            level: "PLATFORM" | "TENANT" | "ACCOUNT" | "USER";
            accountId: string | null;
            /** Format: date-time */
            assignedAt: string;
            assignedBy: string | null;
            expiresAt: string | null;
        };
        PermissionGrantInput: {
            /** Format: uuid */
            id: string;
            permission: string;
            granted: boolean;
            accountId: string | null;
            /** Format: date-time */
            assignedAt: string;
            assignedBy: string | null;
            expiresAt: string | null;
        };
        UserGrantsInput: {
            roles: components["schemas"]["RoleAssignmentInput"][];
            permissions: components["schemas"]["PermissionGrantInput"][];
        };
        EffectivePermissionsInput: {
            /** @description Catalog permissions held tenant-wide */
            tenant: string[];
            /** @description Everything the caller may do inside each account where they have account-scoped grants or a membership (tenant-wide permissions included) */
            accounts: {
                /** Format: uuid */
                accountId: string;
                permissions: string[];
            }[];
        };
        /** @description RFC 9457 problem details */
        Problem: {
            type: string;
            title: string;
            status: number;
            /** @description Stable machine-readable code, e.g. VALIDATION_FAILED, BOOKING_SLOT_TAKEN */
            code: string;
            detail: string;
            errors?: {
                path: string;
                message: string;
            }[];
            requestId: string;
        } & {
            [key: string]: unknown;
        };
        Profile: {
            displayName: string;
            bio: string | null;
            avatar: string | null;
            coverImage: string | null;
            phone: string | null;
            website: string | null;
            location: string | null;
            title: string | null;
            company: string | null;
            experience: unknown | null;
            skills: string[];
            socialLinks: {
                [key: string]: string;
            } | null;
            /** @description Share of the profile filled in, computed by the server */
            completeness: number;
            /** Format: date-time */
            updatedAt: string;
        };
        User: {
            /** Format: uuid */
            id: string;
            email: string;
            username: string | null;
            displayName: string | null;
            emailVerified: boolean;
            twoFactorEnabled: boolean;
            /** @enum {string} */
            status: "active" | "deactivated" | "deleted";
            lastLoginAt: string | null;
            loginCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        Session: {
            /** Format: uuid */
            id: string;
            current: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string;
            /** Format: date-time */
            expiresAt: string;
            ipAddress: string | null;
            userAgent: string | null;
            twoFactorPassed: boolean;
        };
        Tenant: {
            /** Format: uuid */
            id: string;
            identifier: string;
            name: string;
            /** @enum {string} */
            status: "ACTIVE" | "TRIAL" | "SUSPENDED" | "INACTIVE";
            plan: string;
            planExpiry: string | null;
            features: string[];
            settings: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            deletedAt: string | null;
        };
        PublicTenant: {
            identifier: string;
            name: string;
            features: string[];
            branding: unknown | null;
        };
        AccountInvitation: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            accountName: string;
            email: string;
            /** @enum {string} */
            role: "admin" | "member" | "viewer";
            invitedBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
        };
        Subscription: {
            plan: string;
            status: string;
            /** Format: date-time */
            currentPeriodStart: string;
            currentPeriodEnd: string | null;
            trialEndsAt: string | null;
            canceledAt: string | null;
        };
        Account: {
            /** Format: uuid */
            id: string;
            identifier: string;
            name: string;
            /** @enum {string} */
            type: "INDIVIDUAL" | "AGENCY" | "VENDOR" | "CLIENT";
            /** @enum {string} */
            status: "PENDING" | "ACTIVE" | "SUSPENDED" | "INACTIVE";
            verifiedAt: string | null;
            features: string[];
            /** @description The account’s own overrides */
            limits: {
                maxActiveListings: number | null;
                storageBytes: number | null;
                maxMembers: number | null;
            };
            /** @description Plan limits with the overrides applied; null = unlimited */
            effectiveLimits: {
                maxActiveListings: number | null;
                storageBytes: number | null;
                maxMembers: number | null;
            };
            businessInfo: {
                [key: string]: unknown;
            } | null;
            billingInfo: {
                [key: string]: unknown;
            } | null;
            subscription: components["schemas"]["Subscription"] | null;
            memberCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            deletedAt: string | null;
        };
        AccountMember: {
            /** Format: uuid */
            userId: string;
            email: string;
            displayName: string | null;
            /** @enum {string} */
            role: "admin" | "member" | "viewer";
            /** Format: date-time */
            joinedAt: string;
            invitedBy: string | null;
        };
        Membership: {
            account: {
                /** Format: uuid */
                id: string;
                identifier: string;
                name: string;
                /** @enum {string} */
                type: "INDIVIDUAL" | "AGENCY" | "VENDOR" | "CLIENT";
                status: string;
            };
            /** @enum {string} */
            role: "admin" | "member" | "viewer";
            /** Format: date-time */
            joinedAt: string;
        };
        EngagementResult: {
            /** @description Whether this call counted (false: a repeated like, a view or share within the hour) */
            counted: boolean;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
        };
        LikeResult: {
            /** @description Whether this call counted (false: a repeated like, a view or share within the hour) */
            counted: boolean;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
            liked: boolean;
        };
        Activity: {
            /** Format: uuid */
            id: string;
            type: string;
            target: string;
            targetId: string;
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** @description The content, while it is public */
            content: {
                /** Format: uuid */
                id: string;
                title: string;
                slug: string;
            } | null;
        };
        ContentSummary: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
            title: string;
            slug: string;
            description: string | null;
            featuredImageId: string | null;
            tags: string[];
            categories: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            }[];
            account: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            author: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
            };
            publishedAt: string | null;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
        };
        ManagedContentSummary: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
            title: string;
            slug: string;
            description: string | null;
            featuredImageId: string | null;
            tags: string[];
            categories: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            }[];
            account: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            author: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
            };
            publishedAt: string | null;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
            /** @enum {string} */
            status: "DRAFT" | "IN_REVIEW" | "APPROVED" | "PUBLISHED" | "ARCHIVED";
            /**
             * @description Where it stands for the public right now
             * @enum {string}
             */
            visibility: "live" | "scheduled" | "expired" | "hidden";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            expiresAt: string | null;
        };
        PublicContent: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
            title: string;
            slug: string;
            description: string | null;
            featuredImageId: string | null;
            tags: string[];
            categories: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            }[];
            account: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            author: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
            };
            publishedAt: string | null;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
            /** @description Markdown (CommonMark) as the author wrote it: render with raw HTML disabled */
            body: string | null;
            mediaIds: string[];
            seo: {
                metaTitle: string | null;
                metaDescription: string | null;
                keywords: string[];
            };
            expiresAt: string | null;
        };
        Content: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "ARTICLE" | "PORTFOLIO" | "LISTING" | "PAGE" | "FORM";
            title: string;
            slug: string;
            description: string | null;
            featuredImageId: string | null;
            tags: string[];
            categories: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            }[];
            account: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            author: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
            };
            publishedAt: string | null;
            stats: {
                views: number;
                likes: number;
                shares: number;
            };
            /** @description Markdown (CommonMark) as the author wrote it: render with raw HTML disabled */
            body: string | null;
            mediaIds: string[];
            seo: {
                metaTitle: string | null;
                metaDescription: string | null;
                keywords: string[];
            };
            expiresAt: string | null;
            /** @enum {string} */
            status: "DRAFT" | "IN_REVIEW" | "APPROVED" | "PUBLISHED" | "ARCHIVED";
            /**
             * @description Where it stands for the public right now
             * @enum {string}
             */
            visibility: "live" | "scheduled" | "expired" | "hidden";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            review: {
                note: string | null;
                reviewedBy: string | null;
                reviewedAt: string | null;
            } | null;
            /** @description What the caller may do with it now (workflow steps, edit, delete) */
            actions: string[];
        };
        Category: {
            /** Format: uuid */
            id: string;
            parentId: string | null;
            name: string;
            slug: string;
            description: string | null;
            position: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CategoryNode: {
            /** Format: uuid */
            id: string;
            parentId: string | null;
            name: string;
            slug: string;
            description: string | null;
            position: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            children: components["schemas"]["CategoryNode"][];
        };
        CategoryDetail: {
            /** Format: uuid */
            id: string;
            parentId: string | null;
            name: string;
            slug: string;
            description: string | null;
            position: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Ancestors, root first */
            path: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            }[];
            children: components["schemas"]["Category"][];
        };
        Listing: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            /** @enum {string} */
            type: "GIG" | "JOB" | "SERVICE" | "PRODUCT";
            title: string;
            description: string;
            /** @description Exact decimal as a string, e.g. "1500.00"; null when negotiable without a figure */
            price: string | null;
            /** @enum {string} */
            priceType: "FIXED" | "HOURLY" | "DAILY" | "PROJECT" | "NEGOTIABLE";
            currency: string;
            /** @description addressLine1, addressLine2, city, region, postalCode, country (ISO 3166-1 alpha-2), lat, lng */
            location: {
                [key: string]: unknown;
            } | null;
            remote: boolean;
            startDate: string | null;
            endDate: string | null;
            duration: string | null;
            requirements: {
                questions: {
                    id: string;
                    label: string;
                    /** @enum {string} */
                    type: "text" | "number" | "boolean" | "choice";
                    required: boolean;
                    options?: string[];
                    multiple?: boolean;
                    maxLength?: number;
                    min?: number;
                    max?: number;
                }[];
                positions?: number;
            } | null;
            /** @description Applications that are not withdrawn */
            applicationCount: number;
            /**
             * @description ACTIVE listings past their expiry read EXPIRED
             * @enum {string}
             */
            status: "DRAFT" | "ACTIVE" | "PAUSED" | "EXPIRED" | "COMPLETED" | "CANCELLED";
            featured: boolean;
            featuredAt: string | null;
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description With a location filter: distance from the given point */
            distanceKm?: number;
        };
        AccountListing: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            /** @enum {string} */
            type: "GIG" | "JOB" | "SERVICE" | "PRODUCT";
            title: string;
            description: string;
            /** @description Exact decimal as a string, e.g. "1500.00"; null when negotiable without a figure */
            price: string | null;
            /** @enum {string} */
            priceType: "FIXED" | "HOURLY" | "DAILY" | "PROJECT" | "NEGOTIABLE";
            currency: string;
            /** @description addressLine1, addressLine2, city, region, postalCode, country (ISO 3166-1 alpha-2), lat, lng */
            location: {
                [key: string]: unknown;
            } | null;
            remote: boolean;
            startDate: string | null;
            endDate: string | null;
            duration: string | null;
            requirements: {
                questions: {
                    id: string;
                    label: string;
                    /** @enum {string} */
                    type: "text" | "number" | "boolean" | "choice";
                    required: boolean;
                    options?: string[];
                    multiple?: boolean;
                    maxLength?: number;
                    min?: number;
                    max?: number;
                }[];
                positions?: number;
            } | null;
            /** @description Applications that are not withdrawn */
            applicationCount: number;
            /**
             * @description ACTIVE listings past their expiry read EXPIRED
             * @enum {string}
             */
            status: "DRAFT" | "ACTIVE" | "PAUSED" | "EXPIRED" | "COMPLETED" | "CANCELLED";
            featured: boolean;
            featuredAt: string | null;
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description With a location filter: distance from the given point */
            distanceKm?: number;
            /** Format: uuid */
            createdBy: string;
        };
        DashboardListing: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            /** @enum {string} */
            type: "GIG" | "JOB" | "SERVICE" | "PRODUCT";
            title: string;
            description: string;
            /** @description Exact decimal as a string, e.g. "1500.00"; null when negotiable without a figure */
            price: string | null;
            /** @enum {string} */
            priceType: "FIXED" | "HOURLY" | "DAILY" | "PROJECT" | "NEGOTIABLE";
            currency: string;
            /** @description addressLine1, addressLine2, city, region, postalCode, country (ISO 3166-1 alpha-2), lat, lng */
            location: {
                [key: string]: unknown;
            } | null;
            remote: boolean;
            startDate: string | null;
            endDate: string | null;
            duration: string | null;
            requirements: {
                questions: {
                    id: string;
                    label: string;
                    /** @enum {string} */
                    type: "text" | "number" | "boolean" | "choice";
                    required: boolean;
                    options?: string[];
                    multiple?: boolean;
                    maxLength?: number;
                    min?: number;
                    max?: number;
                }[];
                positions?: number;
            } | null;
            /** @description Applications that are not withdrawn */
            applicationCount: number;
            /**
             * @description ACTIVE listings past their expiry read EXPIRED
             * @enum {string}
             */
            status: "DRAFT" | "ACTIVE" | "PAUSED" | "EXPIRED" | "COMPLETED" | "CANCELLED";
            featured: boolean;
            featuredAt: string | null;
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description With a location filter: distance from the given point */
            distanceKm?: number;
            /** Format: uuid */
            createdBy: string;
            stats: {
                totalApplications: number;
                activeApplications: number;
                pendingApplications: number;
                shortlistedApplications: number;
                acceptedApplications: number;
                lastApplicationAt: string | null;
            };
        };
        Application: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            listingId: string;
            /** Format: uuid */
            applicantId: string;
            coverLetter: string | null;
            answers: {
                [key: string]: unknown;
            };
            attachments: string[];
            /** @enum {string} */
            status: "PENDING" | "REVIEWING" | "SHORTLISTED" | "ACCEPTED" | "REJECTED" | "WITHDRAWN";
            reviewedAt: string | null;
            reviewedBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            listing?: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                accountId: string;
                title: string;
                /** @enum {string} */
                type: "GIG" | "JOB" | "SERVICE" | "PRODUCT";
                /** @enum {string} */
                status: "DRAFT" | "ACTIVE" | "PAUSED" | "EXPIRED" | "COMPLETED" | "CANCELLED";
            };
        };
        Message: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            applicationId: string;
            /** Format: uuid */
            senderId: string;
            /** @description null once deleted */
            body: string | null;
            attachments: string[];
            editedAt: string | null;
            /** @description When the other side first read it */
            readAt: string | null;
            deletedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        UnreadMessages: {
            total: number;
            conversations: {
                /** Format: uuid */
                applicationId: string;
                unread: number;
            }[];
        };
        ConversationReadState: {
            /** Format: uuid */
            applicationId: string;
            unread: number;
        };
        JobStatus: {
            name: string;
            description: string;
            /** @description Length of the job’s time slot: it runs at most once per slot */
            everySeconds: number;
            lastRun: {
                /** @enum {string} */
                status: "running" | "succeeded" | "failed";
                /** Format: date-time */
                slotStart: string;
                /** Format: date-time */
                startedAt: string;
                finishedAt: string | null;
                attempts: number;
                worker: string | null;
                result: {
                    [key: string]: unknown;
                } | null;
                error: string | null;
            } | null;
            lastSuccessAt: string | null;
        };
        AuditEntry: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** @description Position in the tenant’s hash chain */
            seq: number;
            /** @enum {string} */
            action: "create" | "update" | "soft_delete" | "restore" | "delete";
            resource: string;
            resourceId: string;
            /** @description Who made the change; null for the system (jobs, CLI) */
            actor: {
                /** Format: uuid */
                id: string;
                /** @description Display name; null when the user is not visible here (e.g. a platform operator) or was erased */
                name: string | null;
            } | null;
            changes: {
                field: string;
                /** @description Value before the change (null for a create) */
                from: unknown;
                /** @description Value after the change (null for a delete) */
                to: unknown;
            }[];
            requestId: string | null;
            ipAddress: string | null;
            userAgent: string | null;
            /** @description Personal data in this entry was erased; the entry still says what changed */
            erased: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        ErasureResult: {
            /** Format: uuid */
            userId: string;
            /** @description Rows deleted or anonymised, per table */
            rows: {
                [key: string]: number;
            };
            /** @description Audit entries whose values were erased */
            auditEntriesErased: number;
            /** @description Further entries the person caused whose IP address and user agent were removed */
            auditEntriesWithoutIp: number;
            /** @description Other people’s records that still mention the person (e.g. their name in a description): not rewritten automatically, for an administrator to review */
            mentions: {
                table: string;
                column: string;
                rows: number;
            }[];
        };
        Booking: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            /** Format: uuid */
            clientId: string;
            title: string;
            description: string | null;
            /** @enum {string} */
            type: "APPOINTMENT" | "SERVICE" | "CONSULTATION" | "EVENT";
            /** @enum {string} */
            status: "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            timezone: string;
            /** @description The RRULE of the series this booking belongs to */
            recurrence: string | null;
            seriesId: string | null;
            location: string | null;
            meetingUrl: string | null;
            /** @description Decimal as a string */
            price: string | null;
            currency: string | null;
            paid: boolean;
            /** @description Who booked this outside the resource’s availability */
            availabilityOverriddenBy: string | null;
            confirmedAt: string | null;
            cancelledAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        Availability: {
            /** Format: uuid */
            userId: string;
            weekly: {
                /** Format: uuid */
                id: string;
                dayOfWeek: number;
                start: string;
                end: string;
                timezone: string;
            }[];
            overrides: {
                date: string;
                timezone: string;
                available: boolean;
                windows: {
                    start: string;
                    end: string;
                }[];
            }[];
            blocks: {
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
                reason: string | null;
            }[];
        };
        Slots: {
            /** Format: uuid */
            resource: string;
            timezone: string;
            duration: number;
            slots: {
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
                /** Format: date-time */
                localStart: string;
                /** Format: date-time */
                localEnd: string;
            }[];
        };
        BookingResult: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            /** Format: uuid */
            clientId: string;
            title: string;
            description: string | null;
            /** @enum {string} */
            type: "APPOINTMENT" | "SERVICE" | "CONSULTATION" | "EVENT";
            /** @enum {string} */
            status: "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            timezone: string;
            /** @description The RRULE of the series this booking belongs to */
            recurrence: string | null;
            seriesId: string | null;
            location: string | null;
            meetingUrl: string | null;
            /** @description Decimal as a string */
            price: string | null;
            currency: string | null;
            paid: boolean;
            /** @description Who booked this outside the resource’s availability */
            availabilityOverriddenBy: string | null;
            confirmedAt: string | null;
            cancelledAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Recurring series: every occurrence the request created or changed, in time order */
            occurrences?: components["schemas"]["Booking"][];
        };
        MediaFile: {
            /** Format: uuid */
            id: string;
            filename: string;
            /** @description The type detected from the bytes, not the one the client declared */
            mimetype: string;
            /** @description Bytes as stored (after location removal) */
            size: number;
            /** @description Content hash; also the ETag of downloads */
            sha256: string | null;
            /** @description Download path of the file */
            url: string;
            thumbnailUrl: string | null;
            title: string | null;
            alt: string | null;
            caption: string | null;
            folder: string | null;
            tags: string[];
            /** @description Images: width, height, orientation, takenAt, gpsRemoved, thumbnail… */
            metadata: {
                [key: string]: unknown;
            };
            accountId: string | null;
            /** Format: uuid */
            uploaderId: string;
            usageCount: number;
            lastUsedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Set while the file is in the trash */
            deletedAt: string | null;
        };
        Permission: {
            name: string;
            description: string | null;
            wildcard: boolean;
        };
        Role: {
            /** Format: uuid */
            id: string;
            name: string;
            description: string | null;
            /** @enum {string} */
            type: "SYSTEM" | "TENANT" | "CUSTOM";
            /** @enum {string} */
            level: "PLATFORM" | "TENANT" | "ACCOUNT" | "USER";
            permissions: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        RoleAssignment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            roleId: string;
            role: string;
            /** @enum {string} */
            level: "PLATFORM" | "TENANT" | "ACCOUNT" | "USER";
            accountId: string | null;
            /** Format: date-time */
            assignedAt: string;
            assignedBy: string | null;
            expiresAt: string | null;
        };
        PermissionGrant: {
            /** Format: uuid */
            id: string;
            permission: string;
            granted: boolean;
            accountId: string | null;
            /** Format: date-time */
            assignedAt: string;
            assignedBy: string | null;
            expiresAt: string | null;
        };
        UserGrants: {
            roles: components["schemas"]["RoleAssignment"][];
            permissions: components["schemas"]["PermissionGrant"][];
        };
        EffectivePermissions: {
            /** @description Catalog permissions held tenant-wide */
            tenant: string[];
            /** @description Everything the caller may do inside each account where they have account-scoped grants or a membership (tenant-wide permissions included) */
            accounts: {
                /** Format: uuid */
                accountId: string;
                permissions: string[];
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
