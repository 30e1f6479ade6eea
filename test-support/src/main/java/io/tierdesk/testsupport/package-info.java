/**
 * What every module's tests share below the event contracts.
 */
package io.tierdesk.testsupport;
