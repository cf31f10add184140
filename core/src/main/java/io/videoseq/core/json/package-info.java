/**
 * videoseq's Jackson mappers, one per concern ({@link io.videoseq.core.json.JsonMappers}): the settings that decide
 * how its JSON files and attributes read and are written, chosen once for every module.
 */
package io.videoseq.core.json;
