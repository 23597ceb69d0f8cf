/**
 * The import's inbound mapping: a file's header matched to the mapping's fields
 * ({@link com.aliasimport.mapping.HeaderCheck}), and each row made into the record that would be sent, valid,
 * invalid or a duplicate of an earlier row ({@link com.aliasimport.mapping.RowClassifier}).
 */
package com.aliasimport.mapping;
