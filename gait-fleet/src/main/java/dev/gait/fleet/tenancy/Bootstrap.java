package dev.gait.fleet.tenancy;

import dev.gait.fleet.credentials.IssuedCredential;

/** What bootstrapping an organisation created: the organisation, its first admin and their token (shown once). */
public record Bootstrap(Organization organization, User admin, IssuedCredential adminToken) {}
