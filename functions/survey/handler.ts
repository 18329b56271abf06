import { createSurveyDeps } from '#functions/survey/deps.ts';
import { makeSurveyHandler } from '#functions/survey/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the survey page and answers: its adapters are built once per container. */
export const handler = makeSurveyHandler(createSurveyDeps(loadConfig()));
