package io.auditgap.inventory.ansible;

/**
 * One Ansible variable value and where it was set ({@code file:line}).
 *
 * @param value a String, Long, Double, Boolean, List or Map (as the inventory typed it), or null
 */
public record AnsibleVar(Object value, String where) {}
