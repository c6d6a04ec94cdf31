/**
 * The experiment file (data, features, model, training hyper-parameters, seed): the record
 * {@link org.affect4j.training.config.ExperimentConfig} and its strict YAML / JSON reader and writer
 * {@link org.affect4j.training.config.ExperimentConfigs}, which fills defaults and rejects unknown keys.
 */
package org.affect4j.training.config;
