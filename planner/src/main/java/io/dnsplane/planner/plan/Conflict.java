package io.dnsplane.planner.plan;

import io.dnsplane.model.Endpoint;

/** A desired endpoint the plan could not honour, and why (the claiming object gets a Conflict status). */
public record Conflict(Endpoint desired, String reason) {}
