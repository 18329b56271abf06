import type { StoredSurveyAnswer, SurveyRecord, SurveyRepository } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { SURVEY_LINK } from '#shared/adapters/dynamo/table.ts';

/** Survey links: read by the id in the token, used once. */
export class DynamoSurveyRepository extends TableRepository implements SurveyRepository {
  async get(surveyId: string): Promise<SurveyRecord | undefined> {
    const item = await this.read(SURVEY_LINK.key({ surveyId }));
    return item ? SURVEY_LINK.decode(item) : undefined;
  }

  markAnswered(surveyId: string, responseId: string, at: Date, answer: StoredSurveyAnswer) {
    return this.updateIf({
      Key: SURVEY_LINK.key({ surveyId }),
      UpdateExpression: 'SET answeredAt = :at, responseId = :rid, answer = :answer',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answeredAt)',
      ExpressionAttributeValues: { ':at': at.toISOString(), ':rid': responseId, ':answer': answer },
    });
  }

  async markQueued(surveyId: string, at: Date) {
    await this.updateIf({
      Key: SURVEY_LINK.key({ surveyId }),
      UpdateExpression: 'SET queuedAt = :at',
      ConditionExpression: 'attribute_exists(answeredAt)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    });
  }

  async unmarkAnswered(surveyId: string, responseId: string) {
    await this.updateIf({
      Key: SURVEY_LINK.key({ surveyId }),
      UpdateExpression: 'REMOVE answeredAt, responseId, answer, queuedAt',
      ConditionExpression: 'responseId = :rid',
      ExpressionAttributeValues: { ':rid': responseId },
    });
  }
}
